import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../lang';
import { BloomFilter } from './bloom';
import { BloomLexicon, EMPTY_LEXICON, type Lexicon } from './lexicon';

/** Where `npm run build` writes the compiled dictionaries, relative to the project root. */
export const LEXICON_DIR = join('dist', 'lexicon');

export function lexiconFile(root: string, lang: Lang): string {
  return join(root, LEXICON_DIR, `${lang}.bloom`);
}

export class LexiconMissingError extends Error {
  constructor(readonly file: string) {
    super(
      `${file}: the compiled dictionary is missing or damaged; run "npm run build" (npm install does it)`,
    );
  }
}

/** The compiled dictionary of a language; refuses a missing or damaged file rather than matching blind. */
export function loadLexicon(root: string, lang: Lang): Lexicon {
  const file = lexiconFile(root, lang);
  if (!existsSync(file)) throw new LexiconMissingError(file);
  const filter = BloomFilter.deserialize(readFileSync(file));
  if (!filter) throw new LexiconMissingError(file);
  return new BloomLexicon(filter);
}

export { EMPTY_LEXICON };

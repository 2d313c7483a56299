import type { Lang } from '../lang';
import { fold } from './tokenize';

// Only the word-list modules (see stem.ts for why not natural's index).
const swedish: { words: string[] } = require('natural/lib/natural/util/stopwords_sv');
const english: { words: string[] } = require('natural/lib/natural/util/stopwords');

function withFolded(words: string[]): Set<string> {
  const set = new Set<string>();
  for (const w of words) {
    set.add(w);
    set.add(fold(w));
  }
  return set;
}

const lists: Record<Lang, Set<string>> = { sv: withFolded(swedish.words), en: withFolded(english.words) };

/** Function words: they still count where the knowledge base uses them, but never as unknown words. */
export function isStopword(word: string, lang: Lang): boolean {
  return lists[lang].has(word);
}

export function stopwords(lang: Lang): ReadonlySet<string> {
  return lists[lang];
}

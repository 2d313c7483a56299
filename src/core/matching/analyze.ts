import type { Lang } from '../lang';
import { stem } from '../text/stem';
import { isStopword } from '../text/stopwords';
import { fold } from '../text/tokenize';
import type { Vocabulary } from './vocabulary';

/**
 * The text pipeline, step by step: token → folded stem (and, for a word with å/ä/ö, its exact stem
 * beside it) → (if unknown) compound parts → (if still unknown) typo correction. Each step yields
 * weighted keys into the index.
 */

/** How much each repair is trusted relative to an exact hit. */
export const WEIGHTS = { exact: 1, part: 0.85, corrected: 0.75 } as const;

export interface Key {
  key: string;
  weight: number;
}

export interface QueryTerm {
  token: string;
  keys: Key[];
  stopword: boolean;
}

/**
 * Every word is indexed by its folded stem ("~goteborg"); a word with diacritics also by its exact
 * stem ("göteborg"), so "får" prefers "får" but still finds "far", and "Goteborg" finds "Göteborg".
 */
export function foldedKey(word: string, lang: Lang): string {
  return `~${stem(fold(word), lang)}`;
}

function exactKey(word: string, lang: Lang): string | undefined {
  return fold(word) === word ? undefined : stem(word, lang);
}

/** The keys a knowledge text's word is indexed under. */
export function documentKeys(word: string, lang: Lang, vocabulary: Vocabulary): Key[] {
  const keys: Key[] = [{ key: foldedKey(word, lang), weight: WEIGHTS.exact }];
  const exact = exactKey(word, lang);
  if (exact !== undefined) keys.push({ key: exact, weight: WEIGHTS.exact });
  for (const part of vocabulary.splitCompound(fold(word)) ?? []) {
    keys.push({ key: foldedKey(part, lang), weight: WEIGHTS.part });
  }
  return keys;
}

/**
 * A question's words as terms; an unknown compound becomes one term per part, a typo its correction.
 * Without `repair` unknown words stay unknown: matching a Swedish question against the English texts
 * must not "correct" every Swedish word into some English one.
 */
export function queryTerms(
  tokens: readonly string[],
  lang: Lang,
  vocabulary: Vocabulary,
  isIndexed: (key: string) => boolean,
  repair = true,
): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const token of tokens) {
    const stopword = isStopword(token, lang);
    const exact = exactKey(token, lang);
    const candidates =
      exact === undefined
        ? [{ key: foldedKey(token, lang), weight: WEIGHTS.exact }]
        : [
            { key: exact, weight: WEIGHTS.exact },
            // Folding a word typed with å/ä/ö is a guess, like a typo repair: "väder" folds and stems
            // to "vad". It may score, but it does not count as understanding the word.
            { key: foldedKey(token, lang), weight: WEIGHTS.corrected },
          ];
    const keys = candidates.filter((k) => isIndexed(k.key));
    if (keys.length > 0 || stopword || !repair) {
      terms.push({ token, keys, stopword });
      continue;
    }
    const folded = fold(token);
    const parts = vocabulary.splitCompound(folded);
    if (parts !== undefined) {
      for (const part of parts) {
        terms.push({
          token: part,
          keys: [{ key: foldedKey(part, lang), weight: WEIGHTS.part }],
          stopword: false,
        });
      }
      continue;
    }
    const corrections = vocabulary
      .correct(folded)
      .map((word) => ({ key: foldedKey(word, lang), weight: WEIGHTS.corrected }))
      .filter((k) => isIndexed(k.key));
    terms.push({ token, keys: corrections, stopword: false });
  }
  return terms;
}

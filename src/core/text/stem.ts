import type { Lang } from '../lang';

interface Stemmer {
  stem(word: string): string;
}

// Only the stemmer modules: natural's index loads database drivers and prints to stdout on import.
// eslint-style suppression is not needed: these are plain CommonJS modules without types.
const swedish: Stemmer = require('natural/lib/natural/stemmers/porter_stemmer_sv');
const english: Stemmer = require('natural/lib/natural/stemmers/porter_stemmer');

const stemmers: Record<Lang, Stemmer> = { sv: swedish, en: english };

/** Stemming is the hot path of matching; words repeat, so remember each result per language. */
const caches: Record<Lang, Map<string, string>> = { sv: new Map(), en: new Map() };
const CACHE_LIMIT = 200_000;

export function stem(word: string, lang: Lang): string {
  const cache = caches[lang];
  let result = cache.get(word);
  if (result === undefined) {
    result = stemmers[lang].stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, result);
  }
  return result;
}

import MiniSearch from 'minisearch';
import type { Lang } from '../../core/lang';
import { isStopword } from '../../core/text/stopwords';

interface Stemmer {
  stem(word: string): string;
}

// Only natural's stemmer modules: its index prints to stdout on import.
const stemmers: Record<Lang, Stemmer> = {
  sv: require('natural/lib/natural/stemmers/porter_stemmer_sv'),
  en: require('natural/lib/natural/stemmers/porter_stemmer'),
};

/** What the bench prints under a BM25 figure, so the comparison can be checked. */
export const BM25_SETUP =
  "MiniSearch's BM25 (its defaults: k 1.2, b 0.7, d 0.5) over the answer texts; processTerm = lower-case, " +
  "drop Sofo's stop words, Snowball stem (natural's PorterStemmerSv); search without fuzzy or prefix, " +
  "combineWith 'OR'; the top hit is the pick";

/**
 * Plain BM25 with a stemmer: the textbook baseline for matching a question to one of a few documents.
 * Returns, for a question, the index of the best-scoring text (undefined when no word matches).
 */
export function bm25Ranker(texts: readonly string[], lang: Lang): (question: string) => number | undefined {
  const stem = stemmers[lang];
  const index = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    processTerm: (term) => {
      const word = term.toLowerCase();
      return isStopword(word, lang) ? null : stem.stem(word);
    },
  });
  index.addAll(texts.map((text, id) => ({ id, text })));
  return (question) => {
    const [top] = index.search(question, { combineWith: 'OR' });
    return top === undefined ? undefined : Number(top.id);
  };
}

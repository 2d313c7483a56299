import { fold } from '../text/tokenize';
import type { BloomFilter } from './bloom';

/**
 * What a language's dictionary knows, beyond the knowledge base: whether a word is a real word (so a
 * word like "väder" or "lön" is not "corrected" into a known one), and where a compound splits
 * ("upphandlingsdokument" → upphandlings + dokument). Built from the hunspell dictionaries
 * (dictionary-sv, dictionary-en) by src/tools/build-lexicon.ts.
 */
export interface Lexicon {
  /** A word of the language, standalone or as a compound the dictionary allows. */
  isWord(word: string): boolean;
  /** A word the dictionary lists whole ("förslag"), not only as a compound it allows. */
  isListed(word: string): boolean;
  /** A noun or a name ("moms", "Malmö"): what a topic usually is. A compound counts by its last part. */
  isNoun(word: string): boolean;
  /** The compound's parts as the dictionary allows them, fewest first; undefined if it is none. */
  split(word: string): string[] | undefined;
}

/** The keys a compiled dictionary holds, by what a word may be. */
export const KEY = { word: 'w:', noun: 'n:', begin: 'b:', middle: 'm:', end: 'e:' } as const;

/** No word longer than this is looked up or split: it is no word, and the work must stay bounded. */
export const MAX_WORD = 40;
/** Shortest compound part ("jul" in "julklappar"). */
const MIN_PART = 3;
/** Words repeat across questions; results are remembered, up to this many, then forgotten at once. */
const CACHE_LIMIT = 20_000;

/** A lexicon that knows no words: matching then relies on the knowledge base's own words alone. */
export const EMPTY_LEXICON: Lexicon = {
  isWord: () => false,
  isListed: () => false,
  isNoun: () => false,
  split: () => undefined,
};

export class BloomLexicon implements Lexicon {
  private readonly splits = new Map<string, string[] | undefined>();

  constructor(private readonly filter: BloomFilter) {}

  isWord(word: string): boolean {
    return this.isListed(word) || !!this.split(word);
  }

  isListed(word: string): boolean {
    if (word.length === 0 || word.length > MAX_WORD) return false;
    return this.filter.has(KEY.word + word) || this.filter.has(KEY.word + fold(word));
  }

  isNoun(word: string): boolean {
    if (word.length === 0 || word.length > MAX_WORD) return false;
    if (this.filter.has(KEY.noun + word) || this.filter.has(KEY.noun + fold(word))) return true;
    const last = this.split(word)?.at(-1);
    // The head of a Swedish compound is its last part: "julklappar" is a noun because "klappar" is.
    return last !== undefined && (this.filter.has(KEY.noun + last) || this.filter.has(KEY.noun + fold(last)));
  }

  split(word: string): string[] | undefined {
    if (word.length < MIN_PART * 2 || word.length > MAX_WORD) return undefined;
    if (this.splits.has(word)) return this.splits.get(word);
    const parts = this.search(word);
    if (this.splits.size >= CACHE_LIMIT) this.splits.clear();
    this.splits.set(word, parts);
    return parts;
  }

  private may(kind: string, part: string): boolean {
    return this.filter.has(kind + part);
  }

  /**
   * Dynamic programming over cut points: best[i] is the shortest way to end the word from i with a
   * middle-or-last part sequence. The first part must be a compound beginning. Fewest parts win; among
   * those, the most even split (a long head and a long tail, not a one-letter slip).
   */
  private search(word: string): string[] | undefined {
    const n = word.length;
    const tail: (string[] | undefined)[] = new Array(n + 1);
    for (let start = n - MIN_PART; start >= MIN_PART; start--) {
      let choice: string[] | undefined;
      for (let end = start + MIN_PART; end <= n; end++) {
        const part = word.slice(start, end);
        let candidate: string[] | undefined;
        if (end === n) candidate = this.may(KEY.end, part) ? [part] : undefined;
        else {
          const rest = tail[end];
          candidate = rest && this.may(KEY.middle, part) ? [part, ...rest] : undefined;
        }
        if (candidate && better(candidate, choice)) choice = candidate;
      }
      tail[start] = choice;
    }
    let best: string[] | undefined;
    for (let cut = MIN_PART; cut <= n - MIN_PART; cut++) {
      const rest = tail[cut];
      const head = word.slice(0, cut);
      if (!rest || !this.may(KEY.begin, head)) continue;
      const candidate = [head, ...rest];
      if (better(candidate, best)) best = candidate;
    }
    return best;
  }
}

function better(candidate: string[], current: string[] | undefined): boolean {
  if (!current) return true;
  if (candidate.length !== current.length) return candidate.length < current.length;
  return shortest(candidate) > shortest(current);
}

function shortest(parts: string[]): number {
  return Math.min(...parts.map((p) => p.length));
}

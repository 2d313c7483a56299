import type { Lang } from '../lang';
import { stem } from '../text/stem';
import { editDistance } from './distance';

/** Shortest word that may stand as a compound part ("krav", "korg", "avtal"). */
const MIN_PART = 4;
/** Parts Swedish joins with a linking letter: "sysselsättning-s-krav", "gåv-o-upphandling". */
const LINKING_LETTERS = ['s', 'e', 'o', 'u', 'a'];
/** Longer than this is no word: not split, not corrected (the work must stay bounded). */
const MAX_WORD = 40;
/** The split cache grows with what users type: at this size it starts afresh. */
const CACHE_LIMIT = 20_000;

/**
 * The words one language of the index knows (diacritics folded), with the two repairs built on them:
 * splitting an unknown compound into known parts, and correcting a typo to the nearest known word.
 */
export class Vocabulary {
  private readonly known = new Set<string>();
  /** First letters of known words: a compound part must start like some known word. */
  private readonly prefixes = new Set<string>();
  private readonly stems = new Set<string>();
  /**
   * Known words by first letter and length, for typo correction: a typo rarely hits the first letter, and a scan
   * of one bucket costs far less memory than an index of every word's deletions (which, at 10,000
   * entries, was most of the engine's build time and memory).
   */
  private readonly byInitial = new Map<string, string[]>();
  /** Splitting is a small search over every cut; words repeat, so each is split once (bounded). */
  private readonly splits = new Map<string, string[] | undefined>();

  constructor(private readonly lang: Lang) {}

  add(word: string): void {
    if (this.known.has(word)) return;
    this.known.add(word);
    this.prefixes.add(word.slice(0, MIN_PART - 1));
    this.stems.add(stem(word, this.lang));
    if (word.length < MIN_PART) return;
    const bucket = this.byInitial.get(bucketOf(word[0] ?? '', word.length));
    if (bucket) bucket.push(word);
    else this.byInitial.set(bucketOf(word[0] ?? '', word.length), [word]);
  }

  knows(word: string): boolean {
    return this.known.has(word) || this.stems.has(stem(word, this.lang));
  }

  /** knows(), but first the cheap test that rules out most substrings tried while splitting. */
  private mayKnow(word: string): boolean {
    return this.prefixes.has(word.slice(0, MIN_PART - 1)) && this.knows(word);
  }

  /** The known words, diacritics folded. */
  words(): IterableIterator<string> {
    return this.known.values();
  }

  /**
   * Splits "fruktkorgsavtal" into ["fruktkorg", "avtal"] when every part is a known word; fewest parts
   * win. Returns undefined when the word is not a compound of known words.
   */
  splitCompound(word: string): string[] | undefined {
    if (word.length < MIN_PART * 2 || word.length > MAX_WORD) return undefined;
    if (this.splits.has(word)) return this.splits.get(word);
    const parts = this.search(word);
    if (this.splits.size >= CACHE_LIMIT) this.splits.clear();
    this.splits.set(word, parts);
    return parts;
  }

  private search(word: string): string[] | undefined {
    const best: (string[] | undefined)[] = new Array(word.length + 1);
    best[word.length] = [];
    for (let start = word.length - MIN_PART; start >= 0; start--) {
      let choice: string[] | undefined;
      for (let end = start + MIN_PART; end <= word.length; end++) {
        const rest = best[end];
        if (rest === undefined) continue;
        const part = this.knownPart(word.slice(start, end), end === word.length);
        if (part === undefined) continue;
        if (choice === undefined || rest.length + 1 < choice.length) choice = [part, ...rest];
      }
      best[start] = choice;
    }
    const parts = best[0];
    return parts !== undefined && parts.length > 1 ? parts : undefined;
  }

  /** The known words nearest to a typo: distance 1, or 2 for long words. */
  correct(word: string): string[] {
    if (word.length < MIN_PART + 1 || word.length > MAX_WORD) return [];
    const maxDistance = word.length >= 8 ? 2 : 1;
    let bestDistance = maxDistance + 1;
    let found: string[] = [];
    const initial = word[0] ?? '';
    const letters = letterCounts(word);
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
      for (const candidate of this.byInitial.get(bucketOf(initial, length)) ?? []) {
        // Each edit changes the counts of at most two letters: a cheap bound rules most words out
        // before the (costlier) edit distance is computed.
        if (letterDifference(letters, candidate) > 2 * maxDistance) continue;
        const distance = editDistance(word, candidate);
        if (distance < bestDistance) {
          bestDistance = distance;
          found = [candidate];
        } else if (distance === bestDistance) {
          found.push(candidate);
        }
      }
    }
    return bestDistance <= maxDistance ? found : [];
  }

  private knownPart(part: string, isLast: boolean): string | undefined {
    // A non-final part may carry a linking letter: "fruktkorg|s", "gåv|o". Whole known words first.
    const last = part[part.length - 1] ?? '';
    const bare =
      !isLast && LINKING_LETTERS.includes(last) && part.length > MIN_PART - 1 ? part.slice(0, -1) : undefined;
    if (this.known.has(part)) return part;
    if (bare !== undefined && this.known.has(bare)) return bare;
    if (this.mayKnow(part)) return part;
    if (bare !== undefined && this.mayKnow(bare)) return bare;
    return undefined;
  }
}

/** Words are bucketed by first letter and length: a typo's candidates are a few buckets, not all words. */
function bucketOf(initial: string, length: number): string {
  return `${initial}${length}`;
}

/** How many of each letter a word has (letters outside a–ö share one slot: a bound, not an identity). */
function letterCounts(word: string): Int8Array {
  const counts = new Int8Array(64);
  for (let i = 0; i < word.length; i++) counts[slot(word.charCodeAt(i))]++;
  return counts;
}

/** The letters one word has more or fewer of than the other, added up. */
function letterDifference(counts: Int8Array, other: string): number {
  const diff = Int8Array.from(counts);
  for (let i = 0; i < other.length; i++) diff[slot(other.charCodeAt(i))]--;
  let total = 0;
  for (const d of diff) total += Math.abs(d);
  return total;
}

function slot(code: number): number {
  return code >= 97 && code <= 122 ? code - 97 : (code % 37) + 26;
}

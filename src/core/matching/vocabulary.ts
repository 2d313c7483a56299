import type { Lang } from '../lang';
import { stem } from '../text/stem';
import { editDistance } from './distance';

/** Shortest word that may stand as a compound part ("krav", "korg", "avtal"). */
const MIN_PART = 4;
/** Parts Swedish joins with a linking letter: "sysselsättning-s-krav", "gåv-o-upphandling". */
const LINKING_LETTERS = ['s', 'e', 'o', 'u', 'a'];

/**
 * The words one language of the index knows (diacritics folded), with the two repairs built on them:
 * splitting an unknown compound into known parts, and correcting a typo to the nearest known word.
 */
export class Vocabulary {
  private readonly known = new Set<string>();
  /** First letters of known words: a compound part must start like some known word. */
  private readonly prefixes = new Set<string>();
  private readonly stems = new Set<string>();
  /** SymSpell-style index: each word and its one-letter deletions point back at the word. */
  private readonly deletions = new Map<string, string[]>();
  /** Splitting is a small search over every cut; words repeat, so each is split once. */
  private readonly splits = new Map<string, string[] | undefined>();

  constructor(private readonly lang: Lang) {}

  add(word: string): void {
    if (this.known.has(word)) return;
    this.known.add(word);
    this.prefixes.add(word.slice(0, MIN_PART - 1));
    this.stems.add(stem(word, this.lang));
    if (word.length < MIN_PART) return;
    for (const variant of [word, ...deletionsOf(word)]) {
      const list = this.deletions.get(variant);
      if (list === undefined) this.deletions.set(variant, [word]);
      else if (!list.includes(word)) list.push(word);
    }
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
    if (word.length < MIN_PART * 2) return undefined;
    if (this.splits.has(word)) return this.splits.get(word);
    const parts = this.search(word);
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

  /** The known word(s) nearest to a typo: distance 1, or 2 for long words. */
  correct(word: string): string[] {
    if (word.length < MIN_PART + 1) return [];
    const maxDistance = word.length >= 8 ? 2 : 1;
    const probes = new Set([word, ...deletionsOf(word)]);
    if (maxDistance === 2) for (const d of [...probes]) for (const dd of deletionsOf(d)) probes.add(dd);
    let bestDistance = maxDistance + 1;
    let found: string[] = [];
    for (const probe of probes) {
      for (const candidate of this.deletions.get(probe) ?? []) {
        if (Math.abs(candidate.length - word.length) > maxDistance) continue;
        const distance = editDistance(word, candidate);
        if (distance < bestDistance) {
          bestDistance = distance;
          found = [candidate];
        } else if (distance === bestDistance && !found.includes(candidate)) {
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

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

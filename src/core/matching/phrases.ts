import { fold, tokenize } from '../text/tokenize';

/**
 * A set of short phrases ("hej", "tack så mycket", "vem kan jag kontakta") matched on folded words, or
 * on whatever `normalize` makes of them (stems, so that "ringer" meets "ringa").
 */
export class PhraseSet<T extends string> {
  private readonly phrases: { label: T; words: string[]; distinct: Set<string> }[] = [];

  constructor(private readonly normalize: (word: string) => string = fold) {}

  add(label: T, phrase: string): void {
    const words = tokenize(phrase).map(this.normalize);
    if (words.length > 0) this.phrases.push({ label, words, distinct: new Set(words) });
    // Longest first, so "tack så mycket" is stripped whole rather than leaving "så mycket".
    this.phrases.sort((a, b) => b.words.length - a.words.length);
  }

  /** Removes phrases standing at the start or end of the words; returns what is left and what went. */
  strip(words: readonly string[]): { rest: string[]; labels: T[] } {
    let rest = [...words];
    const labels: T[] = [];
    for (let changed = true; changed && rest.length > 0; ) {
      changed = false;
      const folded = rest.map(this.normalize);
      for (const { label, words: phrase } of this.phrases) {
        if (startsWith(folded, phrase)) {
          rest = rest.slice(phrase.length);
        } else if (startsWith(folded.slice(folded.length - phrase.length), phrase)) {
          rest = rest.slice(0, rest.length - phrase.length);
        } else continue;
        labels.push(label);
        changed = true;
        break;
      }
    }
    return { rest, labels };
  }

  /** The words without any occurrence of a phrase, and whether there was one. */
  remove(words: readonly string[]): { rest: string[]; found: boolean } {
    let rest = [...words];
    let folded = rest.map(this.normalize);
    const present = new Set(folded);
    let found = false;
    for (const { words: phrase } of this.phrases) {
      // Most phrases share no word with the question: skip them without scanning.
      if (!present.has(phrase[0] ?? '')) continue;
      for (let at = indexOf(folded, phrase); at >= 0; at = indexOf(folded, phrase)) {
        rest = [...rest.slice(0, at), ...rest.slice(at + phrase.length)];
        folded = [...folded.slice(0, at), ...folded.slice(at + phrase.length)];
        found = true;
      }
    }
    return { rest, found };
  }

  /** The phrase most like the whole of the words (Dice over word sets), with its similarity. */
  closest(words: readonly string[]): { label: T; similarity: number } | undefined {
    const set = new Set(words.map(this.normalize));
    let best: { label: T; similarity: number } | undefined;
    for (const { label, distinct } of this.phrases) {
      let shared = 0;
      for (const w of distinct) if (set.has(w)) shared++;
      const similarity = (2 * shared) / (set.size + distinct.size);
      if (!best || similarity > best.similarity) best = { label, similarity };
    }
    return best;
  }
}

function startsWith(words: readonly string[], phrase: readonly string[]): boolean {
  return phrase.length <= words.length && phrase.every((w, i) => words[i] === w);
}

function indexOf(words: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((w, j) => words[i + j] === w)) return i;
  }
  return -1;
}

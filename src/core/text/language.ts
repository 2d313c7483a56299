import type { Lang } from '../lang';
import { fold } from './tokenize';

/**
 * Guesses whether a question is Swedish or English from the words each language's lexicon holds
 * (stop words plus the knowledge base's own vocabulary). Words both share, such as names, say nothing.
 * Swedish wins ties: it is the users' first language.
 */
export class LanguageGuesser {
  private readonly sv: ReadonlySet<string>;
  private readonly en: ReadonlySet<string>;

  constructor(lexicon: Record<Lang, Iterable<string>>) {
    this.sv = foldedSet(lexicon.sv);
    this.en = foldedSet(lexicon.en);
  }

  guess(tokens: readonly string[]): Lang {
    let sv = 0;
    let en = 0;
    for (const token of tokens) {
      if (/[åäö]/.test(token)) {
        sv += 1;
        continue;
      }
      const inSv = this.sv.has(token);
      const inEn = this.en.has(token);
      if (inSv && !inEn) sv += 1;
      else if (inEn && !inSv) en += 1;
    }
    return en > sv ? 'en' : 'sv';
  }
}

function foldedSet(words: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const w of words) set.add(fold(w));
  return set;
}

/**
 * Why the engine answered as it did: the data of `sofo ask --explain`, and of the editors' test panel.
 * Every question gets one, whatever its outcome, so a reader can see which words carried the winner and
 * which words no entry explained.
 */

/** How a question word met a word of the knowledge base. */
export type MatchVia = 'word' | 'stem' | 'compound' | 'synonym' | 'typo' | 'other-language';

export type ExplainOutcome =
  | 'answer'
  | 'clarify'
  | 'fallback'
  | 'smalltalk'
  | 'help'
  | 'list'
  | 'contact'
  | 'empty';

export interface MatchedWord {
  /** The word as the question has it (lower-cased). */
  word: string;
  /** The knowledge base's word it was taken as. */
  as: string;
  via: MatchVia;
}

export interface ExplainCandidate {
  /** An entry id, `contact:<id>` or an intent id. */
  id: string;
  /** 0..1, the same score the decision used. */
  score: number;
  matched: MatchedWord[];
  /** Content words of the question this candidate does not explain. */
  unexplained: string[];
}

export interface Explanation {
  outcome: ExplainOutcome;
  /** The score the best candidate had to reach to be answered. */
  threshold: number;
  /** Best first, at most a handful. */
  candidates: ExplainCandidate[];
  /** One sentence for a human: which step decided (e.g. "a person was named"). */
  reason: string;
}

/**
 * Every number that shapes matching, in one place. Tuned with `npm run eval` on the kinds of question
 * (paraphrase, typo, compound, out of scope …), never on single lines; change them only with the
 * eval figures before and after in the commit message.
 */
export const TUNING = {
  /** Function words still count where they match, but only a little. */
  stopwordFactor: 0.25,
  /** A noun or name the knowledge base never uses weighs this share of its rarest word's weight … */
  unknownNoun: 0.9,
  /** … another real word it never uses (a verb, an adjective) this share. */
  unknownWord: 0.2,
  /** An unknown non-word of this many letters or more weighs as much as the rarest known word … */
  unknownFullLength: 8,
  /** … times this. Shorter unknown words weigh proportionally less ("nya" next to nothing). */
  unknownScale: 1.25,
  /** final = coverage × (base + (1 − base) × likeness to the nearest example question). */
  exampleBase: 0.6,
  /** Below this the best candidate is not trusted: fall back. */
  answer: 0.35,
  /**
   * Added to `answer` for a short question whose best entry leaves a content word unexplained: in
   * "vad kostar en fruktkorg?" every word matters; a long chatty question carries filler.
   * Full for one content word, half for two, none from three.
   */
  shortQuestion: 0.3,
  /** A long question's bar comes down this much per content word beyond four … */
  longQuestion: 0.03,
  /** … at most this much … */
  longQuestionMax: 0.08,
  /** … and only when its best entry scores this many times the runner-up's. */
  clearLead: 1.3,
  /** Each repeat of a word within a running text adds this share to its weight there. */
  repeatBoost: 0.05,
  /** How much a long text's score is tempered: score × (average length / length) ^ this, at most 1. */
  lengthNorm: 0.1,
  /** A runner-up scoring at least this share of the best makes the question ambiguous: clarify. */
  clarifyRatio: 0.9,
  /** The least score at which an entry is shown at all (as a suggestion); matching may ignore documents below it. */
  shown: 0.25,
  /** A person found by organisation, place, role or topic must fit at least this well. */
  contact: 0.5,
};

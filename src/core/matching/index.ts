import type { MatchedWord } from '../explain';
import type { Lang } from '../lang';
import type { Lexicon } from '../lexicon/lexicon';
import { isAnyStopword } from '../text/stopwords';
import { fold, tokenize } from '../text/tokenize';
import { documentKeys, type QueryTerm, queryTerms, WEIGHTS } from './analyze';
import type { SynonymIndex } from './synonyms';
import { TUNING } from './tuning';
import { Vocabulary } from './vocabulary';

/** What the index needs beyond its texts: the dictionaries and the editors' synonyms. */
export interface LanguageTools {
  /** This language's dictionary (compounds are split by it). */
  lexicon: Lexicon;
  /** Whether a word is a real word in any language Sofo reads. */
  isWord(word: string): boolean;
  /** Whether a word is a noun or a name in any language Sofo reads. */
  isNoun(word: string): boolean;
  synonyms: SynonymIndex;
}

/** A text of a document and how much a hit in it counts (a title more than a passing mention). */
export interface Field {
  text: string;
  weight: number;
  /** An example question or title: a question phrased much like it is strong evidence on its own. */
  example?: boolean;
}

export interface IndexedDoc {
  id: string;
  fields: Field[];
}

export interface Scored {
  id: string;
  /** Share of the question's weight this document explains, 0..1. */
  score: number;
  /** Content words of the question this document does not explain (unknown words included). */
  unexplained: number;
}

/** A document's example questions, flat: word keys and idf weights, and where each example ends. */
interface Examples {
  keys: Int32Array;
  weights: Float32Array;
  ends: Int32Array;
}

/** How many of the best documents get the (costlier) example-question comparison. */
const RERANK_DEPTH = 8;
/** The most a function word's idf counts for (see keyValue). */
const STOPWORD_IDF_CAP = 1;
/** A term weight below which scoring its postings cannot change the outcome. */
const NEGLIGIBLE = 0.05;
/**
 * An inverted index over one language's texts. Scoring is coverage: how much of the question's
 * information (idf-weighted words) a document explains. Unknown content words count against every
 * document, which is what makes an off-topic question ("momssats", "Outlook") fall back instead of
 * landing on the entry that shares one word with it.
 *
 * Keys are interned to numbers and postings kept in typed arrays: the index must stay small and fast
 * with 10,000 entries, not only with the 15 of today.
 */
export class LanguageIndex {
  readonly vocabulary: Vocabulary;
  private readonly ids: string[];
  private readonly docIndex: Map<string, number>;
  private readonly lengthFactor: Float32Array;
  private readonly keyIds = new Map<string, number>();
  private postingDocs: Int32Array[] = [];
  private postingWeights: Float32Array[] = [];
  private idf = new Float64Array(0);
  private readonly examples: Examples[] = [];
  private maxIdf = 1;
  // Scratch space reused by every query (JavaScript runs one query at a time).
  private readonly totals: Float64Array;
  private readonly termBest: Float64Array;
  /** Per document: how many of the question's content words it explains. */
  private readonly explained: Int32Array;
  private queryMarks = new Uint8Array(0);

  constructor(
    readonly lang: Lang,
    docs: readonly IndexedDoc[],
    private readonly tools: LanguageTools,
  ) {
    this.ids = docs.map((d) => d.id);
    this.docIndex = new Map(this.ids.map((id, d) => [id, d]));
    this.totals = new Float64Array(docs.length);
    this.termBest = new Float64Array(docs.length);
    this.explained = new Int32Array(docs.length);

    // Words are interned once: every field's words become numbers in one flat array (with where each
    // field starts), so 10,000 entries' texts are not held as millions of small strings and arrays.
    const wordIds = new Map<string, number>();
    const words: string[] = [];
    const stream: number[] = [];
    const fieldStarts: number[][] = docs.map((doc) =>
      doc.fields.map((f) => {
        const start = stream.length;
        for (const t of tokenize(f.text)) {
          let id = wordIds.get(t);
          if (id === undefined) {
            id = words.length;
            words.push(t);
            wordIds.set(t, id);
          }
          stream.push(id);
        }
        return start;
      }),
    );
    const fieldEnd = (d: number, f: number) =>
      fieldStarts[d]?.[f + 1] ?? fieldStarts[d + 1]?.[0] ?? stream.length;

    this.vocabulary = new Vocabulary(lang);
    for (const w of words) this.vocabulary.add(fold(w));

    // Keys are worked out once per distinct word, not per occurrence.
    const wordKeys: Int32Array[] = [];
    const wordWeights: Float32Array[] = [];
    const wordStop = new Uint8Array(words.length);
    words.forEach((w, i) => {
      const keys = documentKeys(w, lang, this.vocabulary, tools.lexicon);
      wordKeys[i] = Int32Array.from(keys, (k) => this.intern(k.key));
      wordWeights[i] = Float32Array.from(keys, (k) => k.weight);
      wordStop[i] = isAnyStopword(w) ? 1 : 0;
    });

    // Postings: per document, each key's best weight (a scratch array, not a map), gathered flat and
    // then laid out key by key.
    const keyCount = this.keyIds.size;
    const best = new Float32Array(keyCount);
    // Within a running text, a word said again and again is what the text is about: each repeat adds
    // a little to its weight there (never above a title's or an example question's).
    const repeats = new Uint16Array(keyCount);
    const seen: number[] = [];
    const inField: number[] = [];
    const flat = { keys: [] as number[], docs: [] as number[], weights: [] as number[] };
    docs.forEach((doc, d) => {
      doc.fields.forEach((field, f) => {
        for (let at = fieldStarts[d]?.[f] ?? 0, end = fieldEnd(d, f); at < end; at++) {
          const w = stream[at] ?? 0;
          const ids = wordKeys[w] ?? EMPTY_INTS;
          const weights = wordWeights[w] ?? EMPTY_FLOATS;
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k] ?? 0;
            const boost = field.example
              ? 1
              : Math.min(1 + TUNING.repeatBoost * (repeats[id] ?? 0), 1 / field.weight);
            const weight = (weights[k] ?? 0) * field.weight * boost;
            if ((repeats[id] ?? 0) === 0) inField.push(id);
            repeats[id] = (repeats[id] ?? 0) + 1;
            if ((best[id] ?? 0) === 0) seen.push(id);
            if ((best[id] ?? 0) < weight) best[id] = weight;
          }
        }
        for (const id of inField) repeats[id] = 0;
        inField.length = 0;
      });
      for (const id of seen) {
        flat.keys.push(id);
        flat.docs.push(d);
        flat.weights.push(best[id] ?? 0);
        best[id] = 0;
      }
      seen.length = 0;
    });
    const counts = new Int32Array(keyCount + 1);
    for (const k of flat.keys) counts[k + 1] = (counts[k + 1] ?? 0) + 1;
    for (let k = 0; k < keyCount; k++) counts[k + 1] = (counts[k + 1] ?? 0) + (counts[k] ?? 0);
    const allDocs = new Int32Array(flat.keys.length);
    const allWeights = new Float32Array(flat.keys.length);
    const fill = counts.slice(0, keyCount);
    flat.keys.forEach((k, i) => {
      const at = fill[k] ?? 0;
      allDocs[at] = flat.docs[i] ?? 0;
      allWeights[at] = flat.weights[i] ?? 0;
      fill[k] = at + 1;
    });
    // Documents were visited in order, so each key's postings are sorted (binarySearch relies on it).
    for (let k = 0; k < keyCount; k++) {
      this.postingDocs.push(allDocs.subarray(counts[k] ?? 0, counts[k + 1] ?? 0));
      this.postingWeights.push(allWeights.subarray(counts[k] ?? 0, counts[k + 1] ?? 0));
    }

    // Long texts mention more words in passing: a document's length tempers its score a little.
    const lengths = docs.map((doc, d) =>
      doc.fields.reduce(
        (sum, field, f) => (field.example ? sum : sum + fieldEnd(d, f) - (fieldStarts[d]?.[f] ?? 0)),
        0,
      ),
    );
    const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length) || 1;
    this.lengthFactor = Float32Array.from(
      lengths,
      (len) => (average / Math.max(len, average * 0.25)) ** TUNING.lengthNorm,
    );

    const n = docs.length;
    this.idf = new Float64Array(keyCount);
    this.postingDocs.forEach((list, id) => {
      const df = list.length;
      const value = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.idf[id] = value;
      if (value > this.maxIdf) this.maxIdf = value;
    });
    this.queryMarks = new Uint8Array(keyCount);

    docs.forEach((doc, d) => {
      const keys: number[] = [];
      const weights: number[] = [];
      const ends: number[] = [];
      doc.fields.forEach((field, f) => {
        if (!field.example) return;
        for (let at = fieldStarts[d]?.[f] ?? 0, end = fieldEnd(d, f); at < end; at++) {
          const w = stream[at] ?? 0;
          const id = wordKeys[w]?.[0];
          if (id === undefined) continue;
          keys.push(id);
          weights.push(this.keyValue(id, 1, wordStop[w] === 1));
        }
        ends.push(keys.length);
      });
      this.examples.push({
        keys: Int32Array.from(keys),
        weights: Float32Array.from(weights),
        ends: Int32Array.from(ends),
      });
    });
  }

  terms(tokens: readonly string[], repair = true): QueryTerm[] {
    return queryTerms(tokens, {
      lang: this.lang,
      vocabulary: this.vocabulary,
      lexicon: this.tools.lexicon,
      isWord: this.tools.isWord,
      isNoun: this.tools.isNoun,
      synonyms: this.tools.synonyms,
      value: (key) => {
        const id = this.keyIds.get(key);
        return id === undefined ? 0 : (this.idf[id] ?? 0);
      },
      repair,
    });
  }

  /** Which question words a document explains, and how; and which content words it leaves out. */
  explain(id: string, terms: readonly QueryTerm[]): { matched: MatchedWord[]; unexplained: string[] } {
    const doc = this.docIndex.get(id) ?? -1;
    const matched: MatchedWord[] = [];
    const unexplained: string[] = [];
    for (const term of terms) {
      let best: { value: number; as: string; via: MatchedWord['via'] } | undefined;
      for (const key of term.keys) {
        const kid = this.keyIds.get(key.key);
        if (kid === undefined || doc < 0) continue;
        const at = binarySearch(this.postingDocs[kid] ?? new Int32Array(0), doc);
        if (at < 0) continue;
        const value = this.keyValue(kid, key.weight, term.stopword) * (this.postingWeights[kid]?.[at] ?? 0);
        if (!best || value > best.value) best = { value, as: key.as, via: key.via };
      }
      if (best && !term.stopword) matched.push({ word: term.token, as: best.as, via: best.via });
      else if (!best && !term.stopword) unexplained.push(term.token);
    }
    return { matched, unexplained };
  }

  /** Documents ranked by coverage of the question, best first (the top few only). */
  score(terms: readonly QueryTerm[]): Scored[] {
    const touched: number[] = [];
    const weighted = terms
      .map((term) => ({ term, value: this.termValue(term) }))
      .sort((a, b) => b.value - a.value);
    const mass = weighted.reduce(
      (sum, { term, value }) => sum + (term.unknown ? this.unknownMass(term) : this.massOf(term, value)),
      0,
    );
    if (mass <= 0) return [];
    // Heaviest words first. Once what is left could not lift a new document to a coverage worth
    // showing, the rest only add to documents already found: a query then never walks the postings of
    // thousands of documents for "och" or "upphandling".
    let remaining = weighted.reduce((sum, w) => sum + w.value, 0);
    let closed = false;
    for (const { term, value } of weighted) {
      // Closed: no document not found yet could still be shown (a score never exceeds its coverage),
      // nor enter the top few.
      closed ||= remaining / mass < TUNING.shown || remaining < this.kthBestTotal(touched);
      if (value > 0) this.scoreTerm(term, touched, closed);
      remaining -= value;
    }
    const contentWords = terms.filter((t) => !t.stopword).length;
    const top = this.topDocuments(touched, mass);
    const unexplained = new Map(top.map(({ doc }) => [doc, contentWords - (this.explained[doc] ?? 0)]));
    for (const d of touched) {
      this.totals[d] = 0;
      this.explained[d] = 0;
    }
    if (top.length === 0) return [];

    const queryKeys = terms.flatMap((t) => t.keys.flatMap((k) => this.keyIds.get(k.key) ?? []));
    for (const id of queryKeys) this.queryMarks[id] = 1;
    const ranked = top
      .map(({ doc, coverage }) => ({
        id: this.ids[doc] ?? '',
        unexplained: unexplained.get(doc) ?? contentWords,
        score:
          coverage *
          (TUNING.exampleBase + (1 - TUNING.exampleBase) * this.likeness(doc)) *
          Math.min(1, this.lengthFactor[doc] ?? 1),
      }))
      .sort((a, b) => b.score - a.score);
    for (const id of queryKeys) this.queryMarks[id] = 0;
    return ranked;
  }

  /**
   * What a known term weighs in the question: its best value, except that a word met only through a
   * synonym weighs as the word itself would, so the synonym's lower weight shows in the score.
   */
  private massOf(term: QueryTerm, value: number): number {
    const own = term.keys.some((k) => k.via !== 'synonym');
    return own ? value : value / WEIGHTS.synonym;
  }

  /** The most a term can add to a document: its best key's idf × repair weight × function-word factor. */
  private termValue(term: QueryTerm): number {
    let best = 0;
    for (const { key, weight } of term.keys) {
      const id = this.keyIds.get(key);
      const value = id === undefined ? 0 : this.keyValue(id, weight, term.stopword);
      if (value > best) best = value;
    }
    return best;
  }

  /**
   * What a hit on a key is worth: its idf times the repair weight. A function word's idf says little
   * (in a small text set "about" can look rare), so it is capped and scaled down.
   */
  private keyValue(id: number, weight: number, stopword: boolean): number {
    const idf = this.idf[id] ?? 0;
    return (stopword ? Math.min(idf, STOPWORD_IDF_CAP) * TUNING.stopwordFactor : idf) * weight;
  }

  /** Adds one term's best contribution per document to the totals. */
  private scoreTerm(term: QueryTerm, touched: number[], onlyTouched: boolean): void {
    // A word only guessed at (a typo's nearest known word) scores, but does not count as explained.
    const explains = !term.stopword && term.keys.some((k) => k.weight > WEIGHTS.corrected);
    const lists: { docs: Int32Array; weights: Float32Array; value: number }[] = [];
    for (const { key, weight } of term.keys) {
      const id = this.keyIds.get(key);
      if (id === undefined) continue;
      const value = this.keyValue(id, weight, term.stopword);
      // A word in nearly every document ("och" among 10,000) changes no ranking: skip its postings.
      if (value < NEGLIGIBLE) continue;
      lists.push({
        docs: this.postingDocs[id] ?? new Int32Array(0),
        weights: this.postingWeights[id] ?? new Float32Array(0),
        value,
      });
    }
    const [only] = lists;
    if (lists.length === 1 && only) {
      // One key (the usual case): its postings add straight to the totals.
      this.addPostings(only.docs, only.weights, only.value, touched, onlyTouched, (d, v) => {
        if (this.totals[d] === 0) touched.push(d);
        this.totals[d] = (this.totals[d] ?? 0) + v;
        if (explains) this.explained[d] = (this.explained[d] ?? 0) + 1;
      });
      return;
    }
    // Several keys (exact and folded, or typo candidates): a document counts the best one only.
    const termTouched: number[] = [];
    for (const list of lists) {
      this.addPostings(list.docs, list.weights, list.value, touched, onlyTouched, (d, v) => {
        if (v > (this.termBest[d] ?? 0)) {
          if (this.termBest[d] === 0) termTouched.push(d);
          this.termBest[d] = v;
        }
      });
    }
    for (const d of termTouched) {
      if (this.totals[d] === 0) touched.push(d);
      this.totals[d] = (this.totals[d] ?? 0) + (this.termBest[d] ?? 0);
      this.termBest[d] = 0;
      if (explains) this.explained[d] = (this.explained[d] ?? 0) + 1;
    }
  }

  /** Offers each posting's value to `take`: all of them, or only documents already found. */
  private addPostings(
    docs: Int32Array,
    weights: Float32Array,
    value: number,
    touched: readonly number[],
    onlyTouched: boolean,
    take: (doc: number, value: number) => void,
  ): void {
    if (onlyTouched && touched.length * 8 < docs.length) {
      // Few documents found so far, a long posting list: look each one up instead of walking it.
      for (const d of touched) {
        const i = binarySearch(docs, d);
        if (i >= 0) take(d, value * (weights[i] ?? 0));
      }
      return;
    }
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i] ?? 0;
      if (!onlyTouched || (this.totals[d] ?? 0) > 0) take(d, value * (weights[i] ?? 0));
    }
  }

  /** The RERANK_DEPTH-th best total so far (0 while fewer documents have been found). */
  private kthBestTotal(touched: readonly number[]): number {
    if (touched.length < RERANK_DEPTH) return 0;
    const best: number[] = [];
    for (const d of touched) {
      const total = this.totals[d] ?? 0;
      if (best.length === RERANK_DEPTH && total <= (best[RERANK_DEPTH - 1] ?? 0)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] ?? 0) < total) at--;
      best.splice(at, 0, total);
      if (best.length > RERANK_DEPTH) best.pop();
    }
    return best[RERANK_DEPTH - 1] ?? 0;
  }

  private topDocuments(touched: readonly number[], mass: number): { doc: number; coverage: number }[] {
    if (mass <= 0) return [];
    const top: { doc: number; coverage: number }[] = [];
    for (const doc of touched) {
      const coverage = (this.totals[doc] ?? 0) / mass;
      if (top.length === RERANK_DEPTH && coverage <= (top[top.length - 1]?.coverage ?? 0)) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]?.coverage ?? 0) < coverage) at--;
      top.splice(at, 0, { doc, coverage });
      if (top.length > RERANK_DEPTH) top.pop();
    }
    return top;
  }

  /** How much of the nearest example question of a document the question covers (marked keys), 0..1. */
  private likeness(doc: number): number {
    const examples = this.examples[doc];
    if (!examples) return 0;
    let best = 0;
    let start = 0;
    for (const end of examples.ends) {
      let covered = 0;
      let total = 0;
      for (let i = start; i < end; i++) {
        const w = examples.weights[i] ?? 0;
        total += w;
        if (this.queryMarks[examples.keys[i] ?? 0] === 1) covered += w;
      }
      if (total > 0 && covered / total > best) best = covered / total;
      start = end;
    }
    return best;
  }

  /**
   * What a word no document explains weighs. A real word is a topic of its own, as informative as the
   * rarest word the knowledge base has ("moms", "lön", "Malmö"). A non-word counts by its length: a
   * long one is usually content the dictionary lacks ("avtalsspärren"), a short one often noise.
   */
  private unknownMass(term: QueryTerm): number {
    if (term.unknown === 'noun') return TUNING.unknownNoun * this.maxIdf;
    if (term.unknown === 'word') return TUNING.unknownWord * this.maxIdf;
    const span = TUNING.unknownFullLength - 3;
    return (TUNING.unknownScale * this.maxIdf * Math.min(Math.max(term.token.length - 3, 0), span)) / span;
  }

  private intern(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyIds.size;
      this.keyIds.set(key, id);
    }
    return id;
  }
}

const EMPTY_INTS = new Int32Array(0);
const EMPTY_FLOATS = new Float32Array(0);

/** Index of a document in a sorted posting list, or -1. */
function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid] ?? 0;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

import type { Lang } from '../lang';
import { isStopword } from '../text/stopwords';
import { fold, tokenize } from '../text/tokenize';
import { documentKeys, exactKey, foldedKey, type QueryTerm, queryTerms } from './analyze';
import { TUNING } from './tuning';
import { Vocabulary } from './vocabulary';

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
}

interface Posting {
  doc: number;
  weight: number;
}

/** An example question as the idf-weighted keys of its words. */
type Example = { keys: string[]; idf: number }[];

/** How many of the best documents get the (costlier) example-question comparison. */
const RERANK_DEPTH = 8;

/**
 * An inverted index over one language's texts. Scoring is coverage: how much of the question's
 * information (idf-weighted words) a document explains. Unknown content words count against every
 * document, which is what makes an off-topic question ("momssats", "Outlook") fall back instead of
 * landing on the entry that shares one word with it.
 */
export class LanguageIndex {
  readonly vocabulary: Vocabulary;
  private readonly ids: string[] = [];
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly examples: Example[][] = [];
  private maxIdf = 1;

  constructor(
    readonly lang: Lang,
    docs: readonly IndexedDoc[],
  ) {
    this.vocabulary = new Vocabulary(lang);
    const tokenized = docs.map((doc) =>
      doc.fields.map((f) => ({ tokens: tokenize(f.text), weight: f.weight })),
    );
    for (const fields of tokenized)
      for (const f of fields) for (const t of f.tokens) this.vocabulary.add(fold(t));
    const exampleWords: string[][][] = [];
    docs.forEach((doc, i) => {
      this.ids.push(doc.id);
      exampleWords.push(doc.fields.flatMap((f, j) => (f.example ? [tokenized[i]?.[j]?.tokens ?? []] : [])));
      const best = new Map<string, number>();
      for (const field of tokenized[i] ?? []) {
        for (const token of field.tokens) {
          for (const { key, weight } of documentKeys(token, lang, this.vocabulary)) {
            const w = weight * field.weight;
            if ((best.get(key) ?? 0) < w) best.set(key, w);
          }
        }
      }
      for (const [key, weight] of best) {
        const list = this.postings.get(key);
        if (list === undefined) this.postings.set(key, [{ doc: i, weight }]);
        else list.push({ doc: i, weight });
      }
    });
    const n = this.ids.length;
    for (const [key, list] of this.postings) {
      const df = list.length;
      const value = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.idf.set(key, value);
      if (value > this.maxIdf) this.maxIdf = value;
    }
    for (const docExamples of exampleWords) {
      this.examples.push(
        docExamples.map((words) =>
          words.map((w) => {
            const keys = [exactKey(w, lang), foldedKey(w, lang)];
            const weight = isStopword(w, lang) ? TUNING.stopwordFactor : 1;
            return { keys, idf: weight * Math.max(...keys.map((k) => this.idf.get(k) ?? 0)) };
          }),
        ),
      );
    }
  }

  get size(): number {
    return this.ids.length;
  }

  has(key: string): boolean {
    return this.postings.has(key);
  }

  terms(tokens: readonly string[]): QueryTerm[] {
    return queryTerms(tokens, this.lang, this.vocabulary, (key) => this.postings.has(key));
  }

  /** Documents ranked by coverage of the question, best first. */
  score(terms: readonly QueryTerm[]): Scored[] {
    const totals = new Float64Array(this.ids.length);
    let mass = 0;
    for (const term of terms) {
      if (term.keys.length === 0) {
        if (!term.stopword) mass += this.unknownWordMass(term.token);
        continue;
      }
      const perDoc = new Map<number, number>();
      let termMass = 0;
      const factor = term.stopword ? TUNING.stopwordFactor : 1;
      for (const { key, weight } of term.keys) {
        const idf = this.idf.get(key) ?? 0;
        const value = idf * weight * factor;
        if (value > termMass) termMass = value;
        for (const posting of this.postings.get(key) ?? []) {
          const v = value * posting.weight;
          if ((perDoc.get(posting.doc) ?? 0) < v) perDoc.set(posting.doc, v);
        }
      }
      mass += termMass;
      for (const [doc, v] of perDoc) totals[doc] = (totals[doc] ?? 0) + v;
    }
    if (mass <= 0) return [];
    const byCoverage: { doc: number; coverage: number }[] = [];
    totals.forEach((total, doc) => {
      if (total > 0) byCoverage.push({ doc, coverage: total / mass });
    });
    byCoverage.sort((a, b) => b.coverage - a.coverage);
    const queryKeys = new Set(terms.flatMap((t) => t.keys.map((k) => k.key)));
    return byCoverage
      .slice(0, RERANK_DEPTH)
      .map(({ doc, coverage }) => ({
        id: this.ids[doc] ?? '',
        score: coverage * (TUNING.exampleBase + (1 - TUNING.exampleBase) * this.likeness(doc, queryKeys)),
      }))
      .sort((a, b) => b.score - a.score);
  }

  /** How much of the nearest example question of a document the question covers, 0..1. */
  private likeness(doc: number, queryKeys: ReadonlySet<string>): number {
    let best = 0;
    for (const example of this.examples[doc] ?? []) {
      let covered = 0;
      let total = 0;
      for (const word of example) {
        total += word.idf;
        if (word.keys.some((k) => queryKeys.has(k))) covered += word.idf;
      }
      if (total > 0 && covered / total > best) best = covered / total;
    }
    return best;
  }

  /**
   * What an unknown word weighs: long words are usually content ("momssats", "avtalsspärren"), short
   * ones often filler the knowledge base never needed ("nya", "jobbat").
   */
  private unknownWordMass(word: string): number {
    const span = TUNING.unknownFullLength - 3;
    return (TUNING.unknownScale * this.maxIdf * Math.min(Math.max(word.length - 3, 0), span)) / span;
  }
}

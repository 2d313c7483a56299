import type { ExplainCandidate } from '../explain';
import type { KnowledgeBase } from '../knowledge/model';
import { NO_SYNONYMS } from '../knowledge/synonyms';
import { LANGS, type Lang } from '../lang';
import { EMPTY_LEXICON, type Lexicon } from '../lexicon/lexicon';
import { LanguageGuesser } from '../text/language';
import { stopwords } from '../text/stopwords';
import { fold } from '../text/tokenize';
import { type IndexedDoc, LanguageIndex, type Scored } from './index';
import { SynonymIndex } from './synonyms';

/** Field weights: what an editor wrote as a question or keyword says more than a passing word in the text. */
const FIELD = { title: 1, question: 1, keyword: 1, text: 0.6 } as const;
/** A question matched in the other language's texts counts a little less (names, loan words). */
const OTHER_LANGUAGE = 0.85;

export type Lexicons = Record<Lang, Lexicon>;
export const NO_LEXICONS: Lexicons = { sv: EMPTY_LEXICON, en: EMPTY_LEXICON };

/** A candidate with the language whose texts it was found in. */
export interface Ranked extends Scored {
  foundIn: Lang;
}

export interface Analysis {
  ranked: Ranked[];
  /** The words behind each candidate's score, for `--explain` and for the engine's own checks. */
  explain(candidates: readonly Ranked[]): ExplainCandidate[];
}

/** Ranks knowledge entries and the help/list intents for a question, in both languages. */
export class Matcher {
  private readonly indexes: Record<Lang, LanguageIndex>;
  readonly languages: LanguageGuesser;

  constructor(kb: KnowledgeBase, lexicons: Lexicons = NO_LEXICONS) {
    const docs = (lang: Lang): IndexedDoc[] => [
      ...kb.entries.map((e) => ({
        id: e.id,
        fields: [
          { text: e.title[lang], weight: FIELD.title, example: true },
          ...e.questions[lang].map((q) => ({ text: q, weight: FIELD.question, example: true })),
          { text: e.keywords[lang].join(' . '), weight: FIELD.keyword },
          { text: e.text[lang], weight: FIELD.text },
        ],
      })),
      ...kb.intents
        .filter((i) => i.id === 'help' || i.id === 'list-cases')
        .map((i) => ({
          id: i.id,
          fields: i.phrases[lang].map((p) => ({ text: p, weight: FIELD.question, example: true })),
        })),
    ];
    const isWord = (word: string) => lexicons.sv.isWord(word) || lexicons.en.isWord(word);
    const isNoun = (word: string) => lexicons.sv.isNoun(word) || lexicons.en.isNoun(word);
    const synonyms = kb.synonyms ?? NO_SYNONYMS;
    const tools = (lang: Lang) => ({
      lexicon: lexicons[lang],
      isWord,
      isNoun,
      synonyms: new SynonymIndex(synonyms, lang),
    });
    this.indexes = {
      sv: new LanguageIndex('sv', docs('sv'), tools('sv')),
      en: new LanguageIndex('en', docs('en'), tools('en')),
    };
    const lexicon = (lang: Lang) => [...stopwords(lang), ...this.indexes[lang].vocabulary.words()];
    this.languages = new LanguageGuesser({ sv: lexicon('sv'), en: lexicon('en') });
  }

  /** Candidates best first; each scored in the question's language and, discounted, in the other. */
  rank(words: readonly string[], lang: Lang): Ranked[] {
    return this.analyse(words, lang).ranked;
  }

  /**
   * The ranking, and a way to explain any of its candidates from the same analysed words (the words
   * are analysed once, whether or not an explanation is wanted).
   */
  analyse(words: readonly string[], lang: Lang): Analysis {
    const terms = {
      sv: this.indexes.sv.terms(words, lang === 'sv'),
      en: this.indexes.en.terms(words, lang === 'en'),
    };
    const best = new Map<string, Ranked>();
    for (const l of LANGS) {
      const factor = l === lang ? 1 : OTHER_LANGUAGE;
      for (const scored of this.indexes[l].score(terms[l])) {
        const value = scored.score * factor;
        if ((best.get(scored.id)?.score ?? 0) < value)
          best.set(scored.id, { ...scored, score: value, foundIn: l });
      }
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score);
    const explain = (candidates: readonly Ranked[]): ExplainCandidate[] =>
      candidates.map((r) => {
        const { matched, unexplained } = this.indexes[r.foundIn].explain(r.id, terms[r.foundIn]);
        return {
          id: r.id,
          score: round(r.score),
          matched:
            r.foundIn === lang ? matched : matched.map((m) => ({ ...m, via: 'other-language' as const })),
          unexplained,
        };
      });
    return { ranked, explain };
  }

  /** Whether a word is part of what the knowledge base talks about, in either language. */
  knows(word: string): boolean {
    const folded = fold(word);
    return LANGS.some((l) => this.indexes[l].vocabulary.knows(folded));
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

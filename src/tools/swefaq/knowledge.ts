import type { Entry, KnowledgeBase } from '../../core/knowledge/model';

/** The entry id of a category's answer, and back: ids must be stable strings, answers are indices. */
export const answerId = (index: number) => `answer-${index}`;
export const answerIndex = (id: string): number | undefined => {
  const match = /^answer-(\d+)$/.exec(id);
  return match ? Number(match[1]) : undefined;
};

/**
 * A knowledge base with one entry per answer of a category, made in memory through the engine's own
 * types (no files written). The answer text is all an entry has: no title, example questions or
 * keywords, which SweFAQ does not give; that is the protocol of the published reference figures.
 * The English side is left empty: SweFAQ is Swedish, and questions are asked with `lang: 'sv'`.
 */
export function categoryKnowledgeBase(answers: readonly string[]): KnowledgeBase {
  const entries: Entry[] = answers.map((text, i) => ({
    id: answerId(i),
    type: 'guide',
    title: { sv: '', en: '' },
    text: { sv: text, en: '' },
    questions: { sv: [], en: [] },
    keywords: { sv: [], en: [] },
    contactIds: [],
    links: [],
    related: [],
    file: `swefaq/${answerId(i)}`,
  }));
  return {
    entries,
    contacts: [],
    intents: [],
    fallback: { reply: { sv: '', en: '' }, links: [] },
    contactCues: { sv: [], en: [] },
    tips: [],
  };
}

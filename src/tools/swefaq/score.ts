import type { SwefaqCategory } from './dataset';

/**
 * A system under test, set up for one category: it gets the category's answers and returns, for a
 * question, the index of the answer it ranks first (undefined when it picks none).
 */
export type Ranker = (answers: readonly string[]) => (question: string) => number | undefined;

export interface SwefaqScore {
  correct: number;
  total: number;
  accuracy: number;
  byCategory: { id: number; correct: number; total: number }[];
}

/** Accuracy, the measure SuperLim reports for SweFAQ: the share of questions whose answer is ranked first. */
export function scoreSwefaq(categories: readonly SwefaqCategory[], ranker: Ranker): SwefaqScore {
  const byCategory = categories.map((category) => {
    const pick = ranker(category.answers);
    const correct = category.questions.filter((q) => pick(q.text) === q.answer).length;
    return { id: category.id, correct, total: category.questions.length };
  });
  const correct = byCategory.reduce((n, c) => n + c.correct, 0);
  const total = byCategory.reduce((n, c) => n + c.total, 0);
  return { correct, total, accuracy: total === 0 ? 0 : correct / total, byCategory };
}

/** The line `npm run bench:swefaq` ends with, for people and for tools: `SweFAQ accuracy 0.536 (59/110)`. */
export function accuracyLine(score: SwefaqScore): string {
  return `SweFAQ accuracy ${score.accuracy.toFixed(3)} (${score.correct}/${score.total})`;
}

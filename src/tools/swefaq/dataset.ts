import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One line of a SweFAQ split (SuperLim 2): a question, its category's answers, and which one is right. */
const lineSchema = z.object({
  category_id: z.number().int(),
  question: z.string().min(1),
  candidate_answers: z.array(z.string().min(1)).min(1),
  label: z.number().int().min(0),
});

export interface SwefaqQuestion {
  text: string;
  /** Index into the category's answers. */
  answer: number;
}

/** A category: its answers are the documents every one of its questions is matched against. */
export interface SwefaqCategory {
  id: number;
  answers: string[];
  questions: SwefaqQuestion[];
}

/**
 * Reads a split and groups it by category. A line that is not a SweFAQ item, a label outside the
 * answers, or a category whose lines disagree on its answers stops the run with the line number.
 */
export function readSwefaq(path: string): SwefaqCategory[] {
  return parseSwefaq(readFileSync(path, 'utf8'), path);
}

export function parseSwefaq(text: string, name: string): SwefaqCategory[] {
  const categories = new Map<number, SwefaqCategory>();
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `${name}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error(`${where}: not JSON`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: not a SweFAQ line: ${z.prettifyError(parsed.error)}`);
    const line = parsed.data;
    if (line.label >= line.candidate_answers.length)
      throw new Error(
        `${where}: label ${line.label} is not one of the ${line.candidate_answers.length} answers`,
      );
    const category = categories.get(line.category_id);
    if (!category) {
      categories.set(line.category_id, {
        id: line.category_id,
        answers: line.candidate_answers,
        questions: [{ text: line.question, answer: line.label }],
      });
    } else if (!sameAnswers(category.answers, line.candidate_answers)) {
      throw new Error(`${where}: category ${line.category_id} has other answers than on its earlier lines`);
    } else {
      category.questions.push({ text: line.question, answer: line.label });
    }
  });
  if (categories.size === 0) throw new Error(`${name}: no questions`);
  return [...categories.values()];
}

function sameAnswers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => text === b[i]);
}

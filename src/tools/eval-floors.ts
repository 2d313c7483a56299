import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config/paths';
import type { Engine } from '../core/engine';
import { readEvalLines } from './dataset';
import { evaluate, type Report } from './evaluate';

/** The eval sets the accuracy floors guard, with their floors and the answers given when they were set. */
export const EVAL_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'eval');
const FLOORS_FILE = join(EVAL_DIR, 'floors.json');
const ANSWERS_FILE = join(EVAL_DIR, 'answers.json');

const floorSchema = z.strictObject({
  accuracy: z.number().min(0).max(1),
  fallbackPrecision: z.number().min(0).max(1),
  fallbackRecall: z.number().min(0).max(1),
  languageAccuracy: z.number().min(0).max(1),
});
export type Floor = z.infer<typeof floorSchema>;
const floorsSchema = z.object({ sets: z.record(z.string(), floorSchema) });

/** Per set, question → the id Sofo answered when the baseline was written. */
type Answers = Record<string, Record<string, string>>;

export function readFloors(): Record<string, Floor> {
  return floorsSchema.parse(JSON.parse(readFileSync(FLOORS_FILE, 'utf8'))).sets;
}

export function readBaseline(): Answers {
  return existsSync(ANSWERS_FILE) ? (JSON.parse(readFileSync(ANSWERS_FILE, 'utf8')) as Answers) : {};
}

export interface SetResult {
  file: string;
  report: Report;
  answers: Record<string, string>;
}

export function runSet(engine: Engine, file: string): SetResult {
  const answers: Record<string, string> = {};
  const report = evaluate(readEvalLines(join(EVAL_DIR, file)), (line) => {
    const reply = engine.ask(line.q);
    answers[line.q] = reply.id;
    return reply;
  });
  return { file, report, answers };
}

export function measured(report: Report): Floor {
  return {
    accuracy: report.accuracy,
    fallbackPrecision: report.fallback.precision,
    fallbackRecall: report.fallback.recall,
    languageAccuracy: report.languageAccuracy,
  };
}

/**
 * What fell below its floor, and which questions now get another answer than in the baseline (the
 * ones that got worse first), so that the failure says what an edit changed.
 */
export function floorFailures(result: SetResult, floor: Floor, baseline: Record<string, string>): string[] {
  const now = measured(result.report);
  const below = (Object.keys(floor) as (keyof Floor)[])
    .filter((key) => now[key] < floor[key])
    .map((key) => `${result.file}: ${key} ${now[key].toFixed(3)} fell below the floor ${floor[key]}`);
  if (below.length === 0) return [];
  const expected = new Map(
    readEvalLines(join(EVAL_DIR, result.file)).map((line) => [line.q, line.expect] as const),
  );
  const changed = Object.entries(result.answers)
    .filter(([q, id]) => baseline[q] !== undefined && baseline[q] !== id)
    .map(([q, id]) => {
      const accepted = expected.get(q) ?? [];
      const was = baseline[q] ?? '';
      const verdict = accepted.includes(id) ? 'better' : accepted.includes(was) ? 'WORSE' : 'still wrong';
      return {
        line: `  [${verdict}] "${q}": was ${was}, now ${id} (expected ${accepted.join(' / ')})`,
        verdict,
      };
    })
    .sort((a, b) => Number(b.verdict === 'WORSE') - Number(a.verdict === 'WORSE'));
  return [
    ...below,
    changed.length > 0
      ? `questions whose answer changed since the baseline:\n${changed.map((c) => c.line).join('\n')}`
      : 'no question changed answer since the baseline (the floor or the set changed)',
  ];
}

/** `npm run eval:baseline`: records today's answers, so later failures can name what changed. */
export function writeBaseline(engine: Engine): void {
  const answers: Answers = {};
  for (const file of Object.keys(readFloors())) answers[file] = runSet(engine, file).answers;
  // Two-space JSON, as the formatter (biome) keeps it: a rewritten baseline must not fail the lint.
  writeFileSync(ANSWERS_FILE, `${JSON.stringify(answers, null, 2)}\n`);
}

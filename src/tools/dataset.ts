import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config/paths';

export const evalLineSchema = z.object({
  q: z.string(),
  lang: z.enum(['sv', 'en']),
  expect: z.array(z.string()).min(1),
  tags: z.array(z.string()).default([]),
});
export type EvalLine = z.infer<typeof evalLineSchema>;

/** The published eval sets that `npm run eval` and `npm run bench` report on, in this order. */
export const EVAL_SETS = ['dev', 'round1'] as const;
export type EvalSetName = (typeof EVAL_SETS)[number];

/** A published eval set: the shared copy when the workspace has it; the project's own copy otherwise. */
export function evalSetPath(name: EvalSetName): string {
  const shared = join(PROJECT_ROOT, '..', 'shared', 'eval', `${name}.jsonl`);
  return existsSync(shared) ? shared : join(PROJECT_ROOT, 'test', 'fixtures', 'eval', `${name}.jsonl`);
}

export function devSetPath(): string {
  return evalSetPath('dev');
}

export function readEvalLines(path: string): EvalLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = evalLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: not an eval line: ${parsed.error.message}`);
      return parsed.data;
    });
}

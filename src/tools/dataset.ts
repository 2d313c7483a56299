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

/** The shared dev set when the workspace has it; the project's own copy otherwise. */
export function devSetPath(): string {
  const shared = join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');
  return existsSync(shared) ? shared : join(PROJECT_ROOT, 'test', 'fixtures', 'eval', 'dev.jsonl');
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

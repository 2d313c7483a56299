import { join } from 'node:path';
import { readEvalLines } from '../src/tools/dataset';
import { evaluate, formatReport } from '../src/tools/evaluate';
import { realEngine } from './helpers/engine';

/**
 * Regression floors, not targets: they sit a little under what `npm run eval` measures so that a change
 * that makes matching worse fails here. dev.jsonl is the project's copy of the shared dev set;
 * holdout.jsonl was written independently of the knowledge files' own phrasings.
 */
const engine = realEngine();

describe.each([
  ['dev', 'dev.jsonl', { accuracy: 0.93, fallbackPrecision: 0.9, fallbackRecall: 0.9 }],
  ['holdout', 'holdout.jsonl', { accuracy: 0.9, fallbackPrecision: 0.85, fallbackRecall: 0.8 }],
])('%s set', (_name, file, floor) => {
  const report = evaluate(readEvalLines(join(__dirname, 'fixtures', 'eval', file)), (line) =>
    engine.ask(line.q),
  );

  it('keeps top-1 accuracy and fallback quality above the floor', () => {
    const measured = {
      accuracy: report.accuracy,
      fallbackPrecision: report.fallback.precision,
      fallbackRecall: report.fallback.recall,
    };
    for (const [key, min] of Object.entries(floor)) {
      if (measured[key as keyof typeof measured] < min)
        throw new Error(`${key} fell below ${min}\n${formatReport(file, report)}`);
    }
  });

  it('replies in the language of the question', () => {
    expect(report.languageAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});

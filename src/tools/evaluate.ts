import type { EvalLine } from './dataset';

/** What a system under evaluation returns for one question: the reply's id and language. */
export interface Prediction {
  id: string;
  lang: string;
}

export interface Confusion {
  q: string;
  expected: string[];
  got: string;
}

export interface Report {
  total: number;
  correct: number;
  accuracy: number;
  languageAccuracy: number;
  byTag: Record<string, { total: number; correct: number; accuracy: number }>;
  byLang: Record<string, { total: number; correct: number; accuracy: number }>;
  fallback: {
    precision: number;
    recall: number;
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
  };
  confusions: Confusion[];
}

/**
 * Scores predictions against the eval lines. Fallback precision counts fallbacks on questions that had
 * an answer; recall counts out-of-scope questions answered with a guess (an accepted answer is neither).
 */
export function evaluate(lines: readonly EvalLine[], predict: (line: EvalLine) => Prediction): Report {
  const byTag: Report['byTag'] = {};
  const byLang: Report['byLang'] = {};
  const confusions: Confusion[] = [];
  let correct = 0;
  let rightLanguage = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const line of lines) {
    const got = predict(line);
    const ok = line.expect.includes(got.id);
    const outOfScope = line.expect.includes('fallback');
    if (ok) correct += 1;
    else confusions.push({ q: line.q, expected: line.expect, got: got.id });
    if (got.lang === line.lang) rightLanguage += 1;
    if (got.id === 'fallback' && outOfScope) tp += 1;
    if (got.id === 'fallback' && !outOfScope) fp += 1;
    if (outOfScope && !ok) fn += 1;
    for (const tag of line.tags) tally(byTag, tag, ok);
    tally(byLang, line.lang, ok);
  }
  return {
    total: lines.length,
    correct,
    accuracy: ratio(correct, lines.length),
    languageAccuracy: ratio(rightLanguage, lines.length),
    byTag,
    byLang,
    fallback: {
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
    },
    confusions,
  };
}

function tally(table: Report['byTag'], key: string, ok: boolean): void {
  const row = table[key] ?? { total: 0, correct: 0, accuracy: 0 };
  row.total += 1;
  if (ok) row.correct += 1;
  row.accuracy = ratio(row.correct, row.total);
  table[key] = row;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function formatReport(name: string, r: Report): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const rows = (t: Report['byTag']) =>
    Object.entries(t)
      .sort()
      .map(([k, v]) => `    ${k.padEnd(14)} ${pct(v.accuracy).padStart(8)}  (${v.correct}/${v.total})`);
  return [
    `${name}: top-1 accuracy ${pct(r.accuracy)} (${r.correct}/${r.total}), reply language right ${pct(r.languageAccuracy)}`,
    `  fallback precision ${r.fallback.precision.toFixed(2)}, recall ${r.fallback.recall.toFixed(2)}`,
    '  by language:',
    ...rows(r.byLang),
    '  by tag:',
    ...rows(r.byTag),
    ...(r.confusions.length > 0
      ? [
          '  confusions (question → expected | got):',
          ...r.confusions.map((c) => `    ${c.q}\n      → ${c.expected.join(' / ')} | ${c.got}`),
        ]
      : []),
  ].join('\n');
}

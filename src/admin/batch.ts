import type { Engine } from '../core/engine';

/** Lines of a batch test: `{"q": "…", "expect": "id"}` (the eval sets' form) or `fråga<TAB>id`. */
export interface BatchLine {
  line: number;
  q: string;
  expect: string[];
}

export interface BatchProblem {
  line: number;
  message: string;
}

/** Past these, a batch is refused whole (413): a batch test is a test set, not a log. */
export const BATCH_LIMITS = { bytes: 512 * 1024, lines: 2_000 } as const;

export function parseBatch(text: string): { lines: BatchLine[]; problems: BatchProblem[] } {
  const lines: BatchLine[] = [];
  const problems: BatchProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (trimmed.startsWith('{')) {
      const parsed = parseJsonLine(trimmed);
      if (typeof parsed === 'string') problems.push({ line, message: parsed });
      else lines.push({ line, ...parsed });
      return;
    }
    const tab = raw.lastIndexOf('\t');
    const q = raw.slice(0, tab).trim();
    const id = raw.slice(tab + 1).trim();
    if (tab < 0 || q === '' || id === '') {
      problems.push({
        line,
        message:
          'skriv {"q": "fråga", "expect": "id"} eller fråga<TAB>id / write {"q", "expect"} or question<TAB>id',
      });
      return;
    }
    lines.push({ line, q, expect: [id] });
  });
  return { lines, problems };
}

function parseJsonLine(text: string): { q: string; expect: string[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'JSON-raden går inte att läsa / the JSON line cannot be read';
  }
  const { q, expect } = (value ?? {}) as { q?: unknown; expect?: unknown };
  const ids = typeof expect === 'string' ? [expect] : expect;
  if (typeof q !== 'string' || q.trim() === '') return '"q" saknas / "q" is missing';
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    return '"expect" ska vara ett id eller en lista av id / "expect" must be an id or a list of ids';
  }
  return { q, expect: ids as string[] };
}

export interface BatchMiss {
  line: number;
  q: string;
  expect: string[];
  got: string;
  kind: string;
  confidence: number;
}

export interface BatchReport {
  total: number;
  correct: number;
  accuracy: number;
  misses: BatchMiss[];
  problems: BatchProblem[];
  /** Expected ids the knowledge base does not have (a typo in the test set, or a renamed entry). */
  unknownIds: string[];
}

/** Asks every question (not counted for the dashboard: these are an editor's tests). */
export function runBatch(engine: Engine, lines: readonly BatchLine[], problems: BatchProblem[]): BatchReport {
  const misses: BatchMiss[] = [];
  const unknown = new Set<string>();
  for (const line of lines) {
    for (const id of line.expect) if (!engine.isReplyId(id)) unknown.add(id);
    const reply = engine.ask(line.q);
    if (!line.expect.includes(reply.id)) {
      misses.push({ ...line, got: reply.id, kind: reply.kind, confidence: reply.confidence });
    }
  }
  const correct = lines.length - misses.length;
  return {
    total: lines.length,
    correct,
    accuracy: lines.length === 0 ? 0 : Math.round((correct / lines.length) * 1000) / 1000,
    misses,
    problems,
    unknownIds: [...unknown],
  };
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from '../core/lang';
import { stem } from '../core/text/stem';
import { groupInbox, groupKey } from '../inbox/grouping';
import type { InboxItem, InboxOutcome } from '../storage/inbox';
import { LowdbStore } from '../storage/lowdb-store';
import { devSetPath, readEvalLines } from './dataset';
import { serveInProcess } from './serve-process';

/**
 * `npm run bench:admin`: the editors' loop at size. Targets (issue 13): the inbox groups 1,000
 * questions in < 1 s; the admin page loads in ≤ 300 ms with 10,000 questions in the inbox (every
 * request the page makes on opening, at once, against `sofo serve` in its own process on the default
 * data file).
 */
const ROUNDS = 20;
const TOKEN = 'bench-admin-token-0123456789abcdef';

/** Questions as users ask them: the dev set's, with a varying tail so that most are distinct. */
function questions(count: number): InboxItem[] {
  const lines = readEvalLines(devSetPath());
  const tails = [
    '',
    ' tack',
    ' i Örebro',
    ' för skolor',
    ' inom vården',
    ' för kommunen',
    ' i år',
    ' hos er',
  ];
  const outcomes: InboxOutcome[] = ['fallback', 'clarify', 'down'];
  return Array.from({ length: count }, (_, i) => {
    const line = lines[i % lines.length];
    const text = `${line?.q ?? 'fråga'}${tails[Math.floor(i / lines.length) % tails.length]}`;
    const lang: Lang = line?.lang ?? 'sv';
    return {
      id: randomUUID(),
      text,
      lang,
      outcome: outcomes[i % 3] ?? 'fallback',
      candidates: (line?.expect ?? []).map((id, k) => ({ id, score: 0.4 - k * 0.05 })),
      channel: i % 2 ? 'slack' : 'teams',
      // Recent, so that retention at start-up keeps them.
      at: new Date(Date.now() - (count - i) * 60_000).toISOString(),
      key: groupKey(text, lang),
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Grouping 1,000 questions, with their keys made anew (tokenize, stop words, stems) each time. */
function grouping(): { median: number; max: number; groups: number } {
  const items = questions(1_000);
  const canonical = (word: string, lang: Lang) => stem(word, lang);
  groupInbox(items, { canonical }); // warm the stemmer cache, as a running server has it
  const times: number[] = [];
  let groups = 0;
  for (let r = 0; r < ROUNDS; r += 1) {
    const start = performance.now();
    groups = groupInbox(items, { canonical }).length;
    times.push(performance.now() - start);
  }
  return { median: median(times), max: Math.max(...times), groups };
}

async function pageLoad(): Promise<{ median: number; max: number; groups: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sofo-bench-admin-'));
  const file = join(dir, 'sofo.json');
  const store = await LowdbStore.open(file);
  await store.addInboxItems(questions(10_000));
  const sofo = await serveInProcess({ SOFO_DATA: file, SOFO_ADMIN_TOKEN: TOKEN });
  const headers = { authorization: `Bearer ${TOKEN}` };
  const paths = [
    '/admin',
    '/admin/static/admin.js',
    '/admin/static/admin.css',
    '/admin/api/status',
    '/admin/api/entries',
    '/admin/api/inbox',
    '/admin/api/stats?weeks=12',
  ];
  try {
    const times: number[] = [];
    let groups = 0;
    for (let r = 0; r < ROUNDS + 2; r += 1) {
      const start = performance.now();
      const bodies = await Promise.all(
        paths.map(async (path) => {
          const res = await fetch(`${sofo.url}${path}`, { headers });
          if (!res.ok) throw new Error(`${path}: ${res.status}`);
          return res.text();
        }),
      );
      if (r >= 2) times.push(performance.now() - start);
      groups = (JSON.parse(bodies[5] ?? '{}') as { total?: number }).total ?? 0;
    }
    return { median: median(times), max: Math.max(...times), groups };
  } finally {
    sofo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const g = grouping();
  process.stdout.write(
    `inbox grouping, 1,000 questions → ${g.groups} groups: median ${g.median.toFixed(1)} ms, max ${g.max.toFixed(1)} ms over ${ROUNDS} runs (target < 1000 ms)\n`,
  );
  const p = await pageLoad();
  process.stdout.write(
    `admin page load, 10,000 inbox questions (${p.groups} groups; page, script, style, status, entries, inbox, stats at once): median ${p.median.toFixed(1)} ms, max ${p.max.toFixed(1)} ms over ${ROUNDS} loads (target ≤ 300 ms)\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench:admin: ${(error as Error).message}\n`);
  process.exitCode = 1;
});

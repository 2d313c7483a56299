import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import { serveInProcess } from './serve-process';

/**
 * `npm run bench:reload`: how long a saved change in knowledge/ takes to be live in a running
 * `sofo serve` (target ≤ 2 s). A copy of the real knowledge; each round adds a new question to an entry
 * and asks it over HTTP until that entry answers.
 */
const OFF_TOPIC = [
  'Hur vattnar man en kaktus?',
  'Vilken färg har en flamingo?',
  'Hur lång är en giraff?',
  'Varför är havet salt?',
  'Hur bakar man surdegsbröd?',
  'Vad äter en igelkott?',
  'Hur snabbt flyger en svala?',
  'Varför sover katter så mycket?',
  'Hur djup är Vättern?',
  'Vem uppfann cykeln?',
];
const ROUNDS = OFF_TOPIC.length;
const ENTRY = join('knowledge', 'guide', 'training.md');
const ENTRY_ID = 'guide-training';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sofo-bench-reload-'));
  cpSync(join(PROJECT_ROOT, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'intents'), join(dir, 'intents'), { recursive: true });
  const sofo = await serveInProcess(
    {
      SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
      SOFO_INTENTS_DIR: join(dir, 'intents'),
    },
    process.env.SOFO_BENCH_LOG ? { onLog: (chunk) => process.stderr.write(chunk) } : {},
  );
  const ask = async (text: string) => {
    const res = await fetch(`${sofo.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(5000),
    });
    return ((await res.json()) as { id: string }).id;
  };
  const version = async () => {
    const res = await fetch(`${sofo.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    return ((await res.json()) as { knowledge?: { version?: string } }).knowledge?.version;
  };
  const times: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      // A question no entry answers before the edit (each round its own), so only the edit answers it.
      const question = OFF_TOPIC[round] ?? '';
      const file = join(dir, ENTRY);
      const text = readFileSync(file, 'utf8');
      const before = await version();
      const started = performance.now();
      writeFileSync(file, text.replace('questions:\n  sv:\n', `questions:\n  sv:\n    - ${question}\n`));
      // /healthz names the live version (the chat API is rate limited, so it is not polled); once the
      // version moved, the question is asked once to see the edit really answers.
      let live = false;
      while (performance.now() - started < 10_000) {
        if ((await version()) !== before) {
          live = (await ask(question)) === ENTRY_ID;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      times.push(live ? performance.now() - started : Number.POSITIVE_INFINITY);
    }
  } finally {
    sofo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (x: number | undefined) =>
    x === undefined || !Number.isFinite(x) ? 'never' : `${Math.round(x)} ms`;
  process.stdout.write(
    `change saved → live in a running sofo serve (${ROUNDS} rounds, real knowledge): p50 ${ms(sorted[Math.floor(ROUNDS / 2)])}, max ${ms(sorted.at(-1))} (target ≤ 2000 ms)\n`,
  );
}

void main();

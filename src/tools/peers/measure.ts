import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Latency of many calls of one system, in milliseconds. */
export interface Latency {
  calls: number;
  p50: number;
  p99: number;
  max: number;
}

export interface Memory {
  rssMb: number;
  heapMb: number;
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return elapsedMs(start);
}

/** The value `make` returns and how long it took, in milliseconds. */
export function timed<T>(make: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = make();
  return [value, elapsedMs(start)];
}

export async function timeMsAsync(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return elapsedMs(start);
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export interface Rounds {
  warmup: number;
  rounds: number;
}

/**
 * Times every call of `ask` on every question, `rounds` times over, after `warmup` untimed rounds.
 * A call that returns a promise is timed until it settles (NLP.js answers asynchronously).
 */
export async function latency(
  questions: readonly string[],
  ask: (q: string) => unknown,
  { warmup, rounds }: Rounds,
): Promise<Latency> {
  for (let r = 0; r < warmup; r++) for (const q of questions) await settle(ask(q));
  const samples = new Float64Array(questions.length * rounds);
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const start = process.hrtime.bigint();
      const result = ask(q);
      if (result instanceof Promise) await result;
      samples[n++] = elapsedMs(start);
    }
  }
  const sorted = Array.from(samples).sort((a, b) => a - b);
  return { calls: n, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[n - 1] ?? 0 };
}

async function settle(result: unknown): Promise<void> {
  if (result instanceof Promise) await result;
}

// `node dist/tools/bench.js` runs without --expose-gc; this turns it on so memory is read after a full
// collection rather than whenever the collector last happened to run.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** RSS and used heap after a full garbage collection. */
export function memory(): Memory {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
}

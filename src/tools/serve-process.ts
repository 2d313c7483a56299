import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';

export interface ServedSofo {
  url: string;
  stop(): void;
}

/**
 * `sofo serve` in a process of its own, as in production, on a free loopback port with a fresh data
 * file: the benches measure it from outside, so the platform double's work is not counted as Sofo's.
 */
export async function serveInProcess(
  env: NodeJS.ProcessEnv,
  options: { onLog?: (chunk: string) => void } = {},
): Promise<ServedSofo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sofo-bench-'));
  const port = await freePort();
  const server = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'sofo.js'), 'serve'], {
    env: { ...process.env, PORT: String(port), SOFO_DATA: join(dataDir, 'sofo.json'), ...env },
    stdio: ['ignore', 'ignore', options.onLog ? 'pipe' : 'ignore'],
  });
  if (options.onLog) server.stderr?.on('data', (chunk: Buffer) => options.onLog?.(chunk.toString()));
  const stop = () => {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) {
      stop();
      throw new Error(`sofo serve exited with ${server.exitCode}`);
    }
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error('sofo serve did not start');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

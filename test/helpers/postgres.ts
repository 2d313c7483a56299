import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

/**
 * A real PostgreSQL for one test file: dist/tools/postgres.js run as a child process (see there).
 * Start it in beforeAll and stop it in afterAll; `database()` gives each test an empty database of its
 * own. A server that cannot start fails the tests that need it, never skips them.
 */
export interface TestPostgres {
  url: (database: string) => string;
  database(): Promise<string>;
  stop(): Promise<void>;
}

const LAUNCHER = join(__dirname, '..', '..', 'dist', 'tools', 'postgres.js');

export async function startPostgres(): Promise<TestPostgres> {
  const child = spawn(process.execPath, [LAUNCHER], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const ready = await firstLine(child).catch((error: Error) => {
    throw new Error(`PostgreSQL did not start: ${error.message} ${errors}`);
  });
  const { url: adminUrl } = JSON.parse(ready) as { url: string };
  const url = (database: string) => adminUrl.replace(/\/postgres$/, `/${database}`);
  let count = 0;
  return {
    url,
    async database() {
      count += 1;
      const name = `sofo_test_${process.pid}_${count}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => reject(new Error('no answer in 60 s')), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}`));
    });
  });
}

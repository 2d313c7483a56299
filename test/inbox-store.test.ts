import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InboxItem } from '../src/storage/inbox';
import { LowdbStore } from '../src/storage/lowdb-store';
import { MemoryStore } from '../src/storage/memory-store';
import { PgStore } from '../src/storage/pg/pg-store';
import type { Store } from '../src/storage/store';
import { startPostgres, type TestPostgres } from './helpers/postgres';

let dir: string;
let postgres: TestPostgres;
const opened: Store[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-inbox-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const item = (id: string, key: string): InboxItem => ({
  id,
  text: `fråga ${id}`,
  lang: 'sv',
  outcome: 'fallback',
  candidates: [{ id: 'guide-training', score: 0.3 }],
  channel: 'web',
  at: '2026-12-01T10:00:00.000Z',
  key,
});

const stores: [string, () => Promise<Store>][] = [
  ['MemoryStore', async () => new MemoryStore()],
  ['LowdbStore', () => LowdbStore.open(join(dir, 'sofo.json'))],
  [
    'PgStore',
    async () => {
      const store = await PgStore.open(await postgres.database());
      opened.push(store);
      return store;
    },
  ],
];

describe.each(stores)('the inbox and counters in %s', (_name, open) => {
  it('keeps questions until removed, and says how many went', async () => {
    const store = await open();
    expect(await store.addInboxItems([item('a', 'kurs'), item('b', 'pizza')])).toBe(2);
    expect(await store.removeInboxItems(['a', 'nope'])).toBe(1);
    expect((await store.listInbox()).map((i) => i.id)).toEqual(['b']);
  });

  it('drops an ignored key at once and keeps it out when asked again', async () => {
    const store = await open();
    await store.addInboxItems([item('a', 'pizza'), item('b', 'kurs')]);
    await store.ignoreInboxKeys(['pizza']);
    expect(await store.addInboxItems([item('c', 'pizza'), item('d', 'kurs')])).toBe(1);
    expect((await store.listInbox()).map((i) => i.id)).toEqual(['b', 'd']);
    expect(await store.listIgnoredKeys()).toEqual(['pizza']);
  });

  it('keeps questions only for the retention period', async () => {
    const store = await open();
    await store.addInboxItems([
      item('old', 'kurs'),
      { ...item('new', 'kurs'), at: '2026-12-05T10:00:00.000Z' },
    ]);
    const report = await store.purge(new Date('2026-12-03T00:00:00Z'), new Date('2026-12-05T12:00:00Z'));
    expect(report.inbox).toBe(1);
    expect((await store.listInbox()).map((i) => i.id)).toEqual(['new']);
  });

  it('adds counts to counters with the same key', async () => {
    const store = await open();
    const key = {
      week: '2026-W49',
      event: 'fallback',
      entryId: 'fallback',
      lang: 'sv',
      channel: 'slack',
    } as const;
    await store.addCounts([{ ...key, count: 2 }]);
    await store.addCounts([
      { ...key, count: 3 },
      { ...key, channel: 'teams', count: 1 },
    ]);
    expect(await store.listCounts()).toEqual([
      { ...key, count: 5 },
      { ...key, channel: 'teams', count: 1 },
    ]);
  });
});

describe('the inbox in the data file', () => {
  it('survives a reopen, and a file written before the inbox existed opens with an empty one', async () => {
    const file = join(dir, 'sofo.json');
    const store = await LowdbStore.open(file);
    await store.addInboxItems([item('a', 'kurs')]);
    const reopened = await LowdbStore.open(file);
    expect((await reopened.listInbox()).map((i) => i.id)).toEqual(['a']);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['inbox', 'ignoredKeys', 'counters']));
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../src/storage/errors';
import { LowdbStore } from '../src/storage/lowdb-store';
import { pseudonym } from '../src/storage/pseudonym';
import type { FeedbackRecord } from '../src/storage/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vote = (n: number): FeedbackRecord => ({
  entryId: 'concept-reserved-contract',
  question: `fråga ${n}`,
  vote: n % 2 ? 'up' : 'down',
  platform: 'slack',
  user: 'abc',
  at: new Date(0).toISOString(),
});

describe('LowdbStore', () => {
  it('creates the file and its folder, and keeps feedback across a reopen', async () => {
    const file = join(dir, 'nested', 'sofo.json');
    const store = await LowdbStore.open(file);
    await store.addFeedback(vote(1));
    const reopened = await LowdbStore.open(file);
    expect(await reopened.listFeedback()).toEqual([vote(1)]);
    expect(await reopened.salt()).toBe(await store.salt());
  });

  it('loses nothing when many writes are in flight at once', async () => {
    const file = join(dir, 'sofo.json');
    const store = await LowdbStore.open(file);
    await Promise.all(Array.from({ length: 100 }, (_, n) => store.addFeedback(vote(n))));
    expect(JSON.parse(readFileSync(file, 'utf8')).feedback).toHaveLength(100);
  });

  it('refuses a file it cannot read, and leaves it untouched', async () => {
    const file = join(dir, 'sofo.json');
    writeFileSync(file, '{"feedback": [ broken');
    await expect(LowdbStore.open(file)).rejects.toThrow(StoreError);
    await expect(LowdbStore.open(file)).rejects.toThrow(/sofo\.json: cannot be read as JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{"feedback": [ broken');
  });

  it('refuses JSON that is not a Sofo data file', async () => {
    const file = join(dir, 'sofo.json');
    writeFileSync(file, '[1, 2, 3]');
    await expect(LowdbStore.open(file)).rejects.toThrow(/not a Sofo data file/);
  });
});

describe('pseudonym', () => {
  it('is stable per user and salt, differs across users, platforms and salts, and hides the id', () => {
    const a = pseudonym('salt', 'slack', 'U000FAKEUSR1');
    expect(pseudonym('salt', 'slack', 'U000FAKEUSR1')).toBe(a);
    expect(pseudonym('salt', 'slack', 'U000FAKEUSR2')).not.toBe(a);
    expect(pseudonym('salt', 'teams', 'U000FAKEUSR1')).not.toBe(a);
    expect(pseudonym('other', 'slack', 'U000FAKEUSR1')).not.toBe(a);
    expect(a).not.toContain('U000FAKEUSR1');
  });
});

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../src/storage/errors';
import { acquire } from '../src/storage/file-lock';
import { keyFile, pseudonymKey } from '../src/storage/keys';
import { LowdbStore, voteLogFile } from '../src/storage/lowdb-store';
import { pseudonym } from '../src/storage/pseudonym';
import type { FeedbackRecord } from '../src/storage/store';

/** What only the lowdb backend has: a file on disk, its lock, its vote log, its key file. */
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-store-'));
  file = join(dir, 'sofo.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vote = (n: number): FeedbackRecord => ({
  entryId: 'concept-reserved-contract',
  question: `fråga ${n}`,
  vote: n % 2 ? 'up' : 'down',
  platform: 'slack',
  user: 'abc',
  at: new Date(n * 1000).toISOString(),
});
const mode = (path: string) => statSync(path).mode & 0o777;

describe('LowdbStore on disk', () => {
  it('creates the file and its folder with mode 0600, and keeps everything across a reopen', async () => {
    const nested = join(dir, 'nested', 'sofo.json');
    const store = await LowdbStore.open(nested);
    await store.addFeedback(vote(1));
    await store.saveConversation({ platform: 'teams', id: 'a:1', reference: {}, at: 't' });
    const reopened = await LowdbStore.open(nested);
    expect(await reopened.listFeedback()).toEqual([vote(1)]);
    expect(await reopened.listConversations()).toHaveLength(1);
    expect(mode(nested)).toBe(0o600);
    expect(mode(voteLogFile(nested))).toBe(0o600);
  });

  it('appends a vote to the log beside the document, never rewriting the document for it', async () => {
    const store = await LowdbStore.open(file);
    const before = readFileSync(file, 'utf8');
    await Promise.all(Array.from({ length: 100 }, (_, n) => store.addFeedback(vote(n))));
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readFileSync(voteLogFile(file), 'utf8').trim().split('\n')).toHaveLength(100);
    expect(await store.listFeedback()).toHaveLength(100);
  });

  it('erases forgotten and purged votes from the log itself, not only from the view', async () => {
    const store = await LowdbStore.open(file);
    await store.addFeedback({ ...vote(1), user: 'forget-me', question: 'hemlig fråga' });
    await store.addFeedback(vote(2));
    await store.forget('forget-me');
    expect(readFileSync(voteLogFile(file), 'utf8')).not.toContain('forget-me');
    expect(readFileSync(voteLogFile(file), 'utf8')).not.toContain('hemlig');
  });

  it('skips a torn last line (a crash mid-append) and ends it before the next vote', async () => {
    const store = await LowdbStore.open(file);
    await store.addFeedback(vote(1));
    writeFileSync(voteLogFile(file), `${readFileSync(voteLogFile(file), 'utf8')}{"entryId":"x","quest`);
    expect(await store.listFeedback()).toEqual([vote(1)]);
    await store.addFeedback(vote(2));
    expect(await store.listFeedback()).toEqual([vote(1), vote(2)]);
  });

  it('refuses a vote log with a broken line in the middle, naming the file and line', async () => {
    const store = await LowdbStore.open(file);
    writeFileSync(voteLogFile(file), `${JSON.stringify(vote(1))}\nnot json\n${JSON.stringify(vote(2))}\n`);
    await expect(store.listFeedback()).rejects.toThrow(/sofo\.votes\.jsonl: line 2 cannot be read/);
  });

  it('refuses a file it cannot read, naming it and the JSON error, and leaves it untouched', async () => {
    writeFileSync(file, '{"conversations": [ broken');
    await expect(LowdbStore.open(file)).rejects.toThrow(StoreError);
    await expect(LowdbStore.open(file)).rejects.toThrow(/sofo\.json: cannot be read as JSON \(.+\)/);
    expect(readFileSync(file, 'utf8')).toBe('{"conversations": [ broken');
  });

  it.each([
    ['JSON that is not an object', '[1, 2, 3]', /not a Sofo data file/],
    [
      'a list field that is no list',
      '{"version": 2, "conversations": {"a": 1}}',
      /"conversations" is not a list/,
    ],
    ['a newer data version', '{"version": 99}', /newer Sofo \(data version 99/],
  ])('refuses %s and leaves the file untouched', async (_name, content, message) => {
    writeFileSync(file, content);
    await expect(LowdbStore.open(file)).rejects.toThrow(message);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('upgrades a version-1 file: votes move to the log, the salt to the key file', async () => {
    const old = { entryId: 'x', question: 'q', vote: 'up', platform: 'slack', user: 'u', at: 'then' };
    writeFileSync(file, JSON.stringify({ version: 1, salt: 'old-salt-of-v1', feedback: [old] }));
    expect(pseudonymKey(undefined, file)).toBe('old-salt-of-v1');
    const store = await LowdbStore.open(file);
    expect(await store.listFeedback()).toEqual([old]);
    const document = JSON.parse(readFileSync(file, 'utf8'));
    expect(document).toMatchObject({ version: 2, conversations: [] });
    expect(document).not.toHaveProperty('salt');
    expect(document).not.toHaveProperty('feedback');
    expect(pseudonymKey(undefined, file)).toBe('old-salt-of-v1');
  });
});

describe('the lock', () => {
  it('takes over at once a lock left by a process that was killed', async () => {
    await LowdbStore.open(file);
    // A process that takes the lock and is then killed (kill -9 leaves the lock behind).
    const script = `
      const { acquire } = require(${JSON.stringify(join(__dirname, '..', 'dist', 'storage', 'file-lock.js'))});
      acquire(${JSON.stringify(file)}).then(() => { process.stdout.write('locked\\n'); setInterval(() => {}, 1000); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => child.stdout?.once('data', resolve));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(`${file}.lock`)).toBe(true);
    const started = Date.now();
    const store = await LowdbStore.open(file);
    await store.addFeedback(vote(1));
    // Not after the 30 s stale age: the dead owner was recognised (a bound, not a speed measurement).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await store.listFeedback()).toHaveLength(1);
  });

  it('waits for a live holder and names it when it does not let go', async () => {
    const held = await acquire(file);
    try {
      await expect(acquire(file, 300)).rejects.toThrow(new RegExp(`locked by process ${process.pid}`));
    } finally {
      await held.release();
    }
    const again = await acquire(file, 300);
    await again.release();
  });

  it('fails the one change whose lock was lost, and the store goes on', async () => {
    const store = await LowdbStore.open(file);
    const held = await acquire(file);
    // Someone removes the lock while it is held (as a process finding it stale would).
    rmSync(`${file}.lock`, { recursive: true, force: true });
    mkdirSync(`${file}.lock`);
    writeFileSync(join(`${file}.lock`, 'owner'), JSON.stringify({ pid: 1, host: 'elsewhere' }));
    rmSync(`${file}.lock`, { recursive: true, force: true });
    await held.release();
    await store.addFeedback(vote(1));
    expect(await store.listFeedback()).toHaveLength(1);
  });
});

describe('pseudonym key', () => {
  it('is made once beside the data file with mode 0600, and is not in the data', async () => {
    const key = pseudonymKey(undefined, file);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymKey(undefined, file)).toBe(key);
    expect(mode(keyFile(file))).toBe(0o600);
    const store = await LowdbStore.open(file);
    await store.addFeedback({ ...vote(1), user: pseudonym(key, 'slack', 'U000FAKEUSR1') });
    expect(readFileSync(file, 'utf8') + readFileSync(voteLogFile(file), 'utf8')).not.toContain(key);
  });

  it('is made in a data folder that does not exist yet (a fresh checkout: npm start)', async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'sofo-fresh-')), 'data', 'sofo.json');
    expect(pseudonymKey(undefined, fresh)).toMatch(/^[0-9a-f]{64}$/);
    expect(mode(keyFile(fresh))).toBe(0o600);
    const store = await LowdbStore.open(fresh);
    await store.close();
  });

  it('SOFO_PSEUDONYM_KEY wins and no key file is made', () => {
    expect(pseudonymKey('k'.repeat(32), file)).toBe('k'.repeat(32));
    expect(existsSync(keyFile(file))).toBe(false);
  });
});

describe('pseudonym', () => {
  it('is stable per user and key, differs across users, platforms and keys, and hides the id', () => {
    const a = pseudonym('key', 'slack', 'U000FAKEUSR1');
    expect(pseudonym('key', 'slack', 'U000FAKEUSR1')).toBe(a);
    expect(pseudonym('key', 'slack', 'U000FAKEUSR2')).not.toBe(a);
    expect(pseudonym('key', 'teams', 'U000FAKEUSR1')).not.toBe(a);
    expect(pseudonym('other', 'slack', 'U000FAKEUSR1')).not.toBe(a);
    expect(a).not.toContain('U000FAKEUSR1');
  });
});

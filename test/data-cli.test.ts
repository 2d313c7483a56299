import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pseudonymKey } from '../src/storage/keys';
import { LowdbStore, voteLogFile } from '../src/storage/lowdb-store';
import { pseudonym } from '../src/storage/pseudonym';
import type { FeedbackRecord } from '../src/storage/store';
import { FIXTURE_ENV } from './helpers/engine';

const BIN = join(__dirname, '..', 'bin', 'sofo.js');
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-data-cli-'));
  file = join(dir, 'sofo.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sofo = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'data', ...args], {
    env: { ...process.env, ...FIXTURE_ENV, SOFO_DATA: file },
    encoding: 'utf8',
  });

/** Votes as the server stores them: pseudonyms made with the key beside the data file. */
async function votes(): Promise<void> {
  const key = pseudonymKey(undefined, file);
  const store = await LowdbStore.open(file);
  const vote = (userId: string, question: string, at: string): FeedbackRecord => ({
    entryId: 'concept-reserved-tender',
    question,
    vote: 'down',
    platform: 'slack',
    user: pseudonym(key, 'slack', userId),
    at,
  });
  await store.addFeedback(vote('U000FAKEUSR1', 'första frågan', new Date().toISOString()));
  await store.addFeedback(vote('U000FAKEUSR1', 'andra frågan', new Date().toISOString()));
  await store.addFeedback(vote('U000FAKEUSR2', 'tredje frågan', '2020-01-01T00:00:00.000Z'));
}

describe('sofo data', () => {
  it('forget --slack-user deletes that person’s votes, and only theirs, from the file itself', async () => {
    await votes();
    const result = sofo('forget', '--slack-user', 'U000FAKEUSR1');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/deleted: 2 röster \/ votes/);
    const log = readFileSync(voteLogFile(file), 'utf8');
    expect(log).not.toMatch(/första|andra/);
    expect(log).toContain('tredje');
  });

  it('forget and export reach the one place a platform id is kept: the tip subscriptions a person made', async () => {
    const store = await LowdbStore.open(file);
    const made = {
      platform: 'slack' as const,
      lang: 'sv' as const,
      since: new Date().toISOString(),
      source: 'command' as const,
    };
    await store.subscribe({ ...made, id: 'slack:C1', target: 'C1', subscriber: 'U000FAKEUSR1' }, 3);
    await store.subscribe({ ...made, id: 'slack:C2', target: 'C2', subscriber: 'U000FAKEUSR2' }, 3);
    await store.close();
    const mine = JSON.parse(sofo('export', '--json', '--slack-user', 'U000FAKEUSR1').stdout);
    expect(mine.subscriptions.map((s: { id: string }) => s.id)).toEqual(['slack:C1']);
    expect(sofo('forget', '--slack-user', 'U000FAKEUSR1').stdout).toMatch(/1 tipsprenumeranter/);
    const left = readFileSync(file, 'utf8');
    expect(left).not.toContain('U000FAKEUSR1');
    expect(left).toContain('U000FAKEUSR2');
    expect(left).toContain('slack:C1');
  });

  it('export --json shows what is stored; with a user, that person’s votes only', async () => {
    await votes();
    const all = JSON.parse(sofo('export', '--json').stdout);
    expect(all.votes).toHaveLength(3);
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['conversations', 'subscriptions', 'inbox']));
    const mine = JSON.parse(sofo('export', '--json', '--slack-user', 'U000FAKEUSR2').stdout);
    expect(mine.votes.map((v: FeedbackRecord) => v.question)).toEqual(['tredje frågan']);
    expect(JSON.stringify(all)).not.toContain('U000FAKEUSR');
  });

  it('purge --older-than deletes what is older, and the default is the retention period', async () => {
    await votes();
    expect(sofo('purge').stdout).toMatch(/older than 90 d\): 1 röster/);
    expect(sofo('purge', '--older-than', '0d').stdout).toMatch(/: 2 röster/);
    expect(JSON.parse(sofo('export', '--json').stdout).votes).toEqual([]);
  });

  it('explains how it is used when a command is wrong', () => {
    const result = sofo('forget');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--slack-user <id> or --teams-user/);
    expect(sofo('purge', '--older-than', 'soon').stderr).toMatch(/number of days such as 30d/);
  });
});

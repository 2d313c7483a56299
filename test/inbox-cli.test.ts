import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { groupKey } from '../src/inbox/grouping';
import { LowdbStore } from '../src/storage/lowdb-store';
import { knowledgeCopy } from './helpers/knowledge-copy';

const BIN = join(__dirname, '..', 'bin', 'sofo.js');
let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = knowledgeCopy();
  env = {
    ...process.env,
    SOFO_DATA: join(dir, 'sofo.json'),
    SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
    SOFO_INTENTS_DIR: join(dir, 'intents'),
    SOFO_DRAFTS_DIR: join(dir, 'drafts'),
  };
  const store = await LowdbStore.open(join(dir, 'sofo.json'));
  const asked = (id: string, text: string) => ({
    id,
    text,
    lang: 'sv' as const,
    outcome: 'fallback' as const,
    candidates: [{ id: 'guide-training', score: 0.31 }],
    channel: 'slack' as const,
    at: '2026-12-02T08:00:00.000Z',
    key: groupKey(text, 'sv'),
  });
  await store.addInboxItems([
    asked('a', 'utbildning i upphandling för nya'),
    asked('b', 'kurs i upphandling för nya?'),
  ]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sofo = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 20_000 });

describe('sofo inbox', () => {
  it('--json lists groups as {id, count, outcome, lang, examples, candidates}', () => {
    const { status, stdout } = sofo(['inbox', '--json']);
    expect(status).toBe(0);
    const groups = JSON.parse(stdout);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      count: 2,
      outcome: 'fallback',
      lang: 'sv',
      examples: ['utbildning i upphandling för nya', 'kurs i upphandling för nya?'],
      candidates: [{ id: 'guide-training', score: 0.31 }],
    });
    expect(groups[0].id).toMatch(/^g[0-9a-f]{10}$/);
  });

  it('add writes the questions into the entry and empties the group; unknown ids exit 1 with a message', () => {
    const [group] = JSON.parse(sofo(['inbox', '--json']).stdout);
    const entryId = JSON.parse(
      spawnSync(process.execPath, [BIN, 'kb', 'export', '--json'], { env, encoding: 'utf8' }).stdout,
    )[0].id;
    const bad = sofo(['inbox', 'add', group.id, 'no-such-entry']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no entry with id "no-such-entry"');
    const done = sofo(['inbox', 'add', group.id, entryId]);
    expect(done.status).toBe(0);
    expect(done.stdout).toContain('+ kurs i upphandling för nya?');
    expect(JSON.parse(sofo(['inbox', '--json']).stdout)).toEqual([]);
    const file = done.stdout.split(':')[0] ?? '';
    expect(readFileSync(join(__dirname, '..', file), 'utf8')).toContain(
      '- utbildning i upphandling för nya\n',
    );
  });

  it('ignore empties the group', () => {
    const [group] = JSON.parse(sofo(['inbox', '--json']).stdout);
    expect(sofo(['inbox', 'ignore', group.id]).status).toBe(0);
    expect(sofo(['inbox']).stdout).toMatch(/tom|empty/);
    expect(sofo(['inbox', 'ignore', group.id]).status).toBe(1);
  });
});

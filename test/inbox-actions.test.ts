import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../src/config/config';
import type { Engine } from '../src/core/engine';
import { loadEngine } from '../src/entry/load-engine';
import type { InboxError } from '../src/inbox/errors';
import { groupKey } from '../src/inbox/grouping';
import { Inbox, type InboxDeps } from '../src/inbox/inbox';
import type { InboxItem } from '../src/storage/inbox';
import { MemoryStore } from '../src/storage/memory-store';
import { knowledgeCopy } from './helpers/knowledge-copy';

let dir: string;
let engine: Engine;
let store: MemoryStore;
let inbox: Inbox;
let deps: InboxDeps;
let logged: string[];
let reloads: number;

beforeEach(() => {
  dir = knowledgeCopy();
  const config = readConfig({
    SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
    SOFO_INTENTS_DIR: join(dir, 'intents'),
    SOFO_DRAFTS_DIR: join(dir, 'drafts'),
  });
  engine = loadEngine(config);
  store = new MemoryStore();
  logged = [];
  reloads = 0;
  deps = {
    store,
    engine: () => engine,
    reload: async () => {
      engine = loadEngine(config);
      reloads += 1;
    },
    root: config.root,
    draftsDir: config.admin.draftsDir,
    log: (l) => logged.push(l),
    now: () => new Date('2026-12-03T10:00:00Z'),
  };
  inbox = new Inbox(deps);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function item(text: string, lang: 'sv' | 'en' = 'sv'): InboxItem {
  n += 1;
  return {
    id: `i${n}`,
    text,
    lang,
    outcome: 'fallback',
    candidates: [],
    channel: 'web',
    at: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
    key: groupKey(text, lang),
  };
}

const entryFile = (id: string) => {
  const entry = engine.kb.entries.find((e) => e.id === id);
  if (!entry) throw new Error(`no ${id}`);
  return join(readConfig({}).root, entry.file);
};
const anEntry = () => engine.kb.entries[0]?.id ?? 'none';
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as InboxError,
  );

describe('the inbox actions', () => {
  it('adds a group as phrasings of an entry: written into its file, live at once, group gone', async () => {
    const question = 'vilken färg har himlen över sociala företag?';
    await store.addInboxItems([item(question), item('Vilken färg har himlen över sociala företag')]);
    expect(engine.ask(question).kind).toBe('fallback');
    const [group] = await inbox.groups();
    const target = anEntry();
    const done = await inbox.add(group?.id ?? '', target);
    expect(done.added).toEqual({ sv: [question], en: [] });
    expect(readFileSync(entryFile(target), 'utf8')).toContain(`- ${question}\n`);
    expect(reloads).toBe(1);
    expect(engine.ask(question)).toMatchObject({ kind: 'answer', id: target });
    expect(await inbox.groups()).toEqual([]);
    expect(logged.join('\n')).toContain(`added 1 question(s) to ${target}`);
  });

  it('refuses a phrasing that another entry already has (409 with which), and writes nothing', async () => {
    const [first, second] = engine.kb.entries;
    const taken = first?.questions.sv[0] ?? '';
    await store.addInboxItems([item(taken)]);
    const before = readFileSync(entryFile(second?.id ?? ''), 'utf8');
    const [group] = await inbox.groups();
    const error = await rejection(inbox.add(group?.id ?? '', second?.id ?? ''));
    expect(error).toMatchObject({ code: 'conflict', details: { entryId: first?.id } });
    expect(readFileSync(entryFile(second?.id ?? ''), 'utf8')).toBe(before);
    expect(await store.listInbox()).toHaveLength(1);
  });

  it('says which id is unknown: a group or an entry', async () => {
    await store.addInboxItems([item('pizza med ananas')]);
    const [group] = await inbox.groups();
    expect(await rejection(inbox.add('g0000000000', anEntry()))).toMatchObject({
      code: 'not_found',
      details: { groupId: 'g0000000000' },
    });
    expect(await rejection(inbox.add(group?.id ?? '', 'no-such-entry'))).toMatchObject({
      code: 'not_found',
      details: { entryId: 'no-such-entry' },
    });
    expect(await rejection(inbox.ignore('g0000000000'))).toMatchObject({ code: 'not_found' });
  });

  it('undoes the file when the knowledge base no longer loads after the change', async () => {
    await store.addInboxItems([item('pizza med ananas')]);
    const [group] = await inbox.groups();
    const target = anEntry();
    const before = readFileSync(entryFile(target), 'utf8');
    const broken = new Inbox({
      ...deps,
      reload: async () => {
        throw new Error('contacts[0]: no contact with id "x"');
      },
    });
    const error = await rejection(broken.add(group?.id ?? '', target));
    expect(error).toMatchObject({ code: 'invalid' });
    expect(error?.message).toMatch(/undone/);
    expect(readFileSync(entryFile(target), 'utf8')).toBe(before);
    expect(readdirSync(join(entryFile(target), '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('ignores a group for good: gone now, and not kept when asked again', async () => {
    await store.addInboxItems([item('pizza med ananas'), item('pizza ananas?')]);
    const [group] = await inbox.groups();
    expect(await inbox.ignore(group?.id ?? '')).toEqual({ groupId: group?.id, ignored: 2 });
    expect(await store.addInboxItems([item('Pizza med ananas!')])).toBe(0);
    expect(await inbox.groups()).toEqual([]);
  });

  it('writes a draft entry outside knowledge/ with the questions, and the knowledge still loads', async () => {
    await store.addInboxItems([
      item('Hur köper man tolktjänster av sociala företag?'),
      item('tolk sociala företag', 'sv'),
    ]);
    const [group] = await inbox.groups();
    const { file } = await inbox.draft(group?.id ?? '');
    expect(file).toBe(join(dir, 'drafts', 'hur-koper-man-tolktjanster-av-sociala-fo.md'));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('- Hur köper man tolktjänster av sociala företag?');
    expect(text).toMatch(/^---\n# Utkast/);
    expect(() =>
      loadEngine(
        readConfig({ SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'), SOFO_INTENTS_DIR: join(dir, 'intents') }),
      ),
    ).not.toThrow();
    expect(await inbox.groups()).toEqual([]);
    expect(existsSync(join(dir, 'knowledge', 'drafts'))).toBe(false);
  });

  it('skips questions with masked personal data, and ones the entry already has', async () => {
    const target = engine.kb.entries[0];
    const own = target?.questions.sv[0] ?? '';
    await store.addInboxItems([item(`${own}`), item(`${own} ring [telefon]`)]);
    const groups = await inbox.groups();
    for (const g of groups) {
      const done = await inbox.add(g.id, target?.id ?? '');
      expect(done.added).toEqual({ sv: [], en: [] });
    }
    expect(reloads).toBe(0);
  });
});

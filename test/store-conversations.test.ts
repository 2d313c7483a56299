import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../src/storage/lowdb-store';
import { MemoryStore } from '../src/storage/memory-store';
import type { ConversationRecord, Store } from '../src/storage/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-conversations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (id: string, at = new Date(0).toISOString()): ConversationRecord => ({
  platform: 'teams',
  id,
  reference: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id, tenantId: 't' } },
  at,
});

const stores: [string, () => Promise<Store>][] = [
  ['MemoryStore', async () => new MemoryStore()],
  ['LowdbStore', () => LowdbStore.open(join(dir, 'sofo.json'))],
];

describe.each(stores)('%s conversations', (_name, open) => {
  it('saves a conversation once, refreshes it after, and says which save was the first', async () => {
    const store = await open();
    expect(await store.saveConversation(record('19:a@thread.tacv2'))).toBe(true);
    expect(await store.saveConversation(record('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z'))).toBe(false);
    expect(await store.listConversations()).toEqual([
      record('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z'),
    ]);
  });

  it('has exactly one first save when two arrive at once', async () => {
    const store = await open();
    const firsts = await Promise.all([
      store.saveConversation(record('a:1')),
      store.saveConversation(record('a:1')),
    ]);
    expect(firsts.sort()).toEqual([false, true]);
    expect(await store.listConversations()).toHaveLength(1);
  });

  it('removes only the conversation asked for, and says whether it was there', async () => {
    const store = await open();
    await store.saveConversation(record('a:1'));
    await store.saveConversation(record('a:2'));
    expect(await store.removeConversation('teams', 'a:1')).toBe(true);
    expect(await store.removeConversation('teams', 'a:1')).toBe(false);
    expect(await store.removeConversation('slack', 'a:2')).toBe(false);
    expect((await store.listConversations()).map((c) => c.id)).toEqual(['a:2']);
  });

  it('hands out copies: changing a listed record changes nothing stored', async () => {
    const store = await open();
    await store.saveConversation(record('a:1'));
    const [listed] = await store.listConversations();
    if (listed) listed.id = 'changed';
    expect((await store.listConversations())[0]?.id).toBe('a:1');
  });
});

describe('LowdbStore conversations on disk', () => {
  it('keeps conversations across a reopen', async () => {
    const file = join(dir, 'sofo.json');
    const store = await LowdbStore.open(file);
    await store.saveConversation(record('19:kept@thread.tacv2'));
    const reopened = await LowdbStore.open(file);
    expect(await reopened.listConversations()).toEqual([record('19:kept@thread.tacv2')]);
    expect(JSON.parse(readFileSync(file, 'utf8')).conversations).toHaveLength(1);
  });

  it('opens a data file written before conversations existed, keeping its feedback', async () => {
    const file = join(dir, 'sofo.json');
    const vote = { entryId: 'x', question: 'q', vote: 'up', platform: 'slack', user: 'u', at: 'then' };
    writeFileSync(file, JSON.stringify({ version: 1, salt: 'old-salt', feedback: [vote] }));
    const store = await LowdbStore.open(file);
    expect(await store.listConversations()).toEqual([]);
    expect(await store.listFeedback()).toEqual([vote]);
    expect(await store.salt()).toBe('old-salt');
    await store.saveConversation(record('a:new'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      feedback: [vote],
      conversations: [{ id: 'a:new' }],
    });
  });

  it('refuses a file whose conversations are not a list, and leaves it untouched', async () => {
    const file = join(dir, 'sofo.json');
    const content = JSON.stringify({ version: 1, salt: 's', feedback: [], conversations: { a: 1 } });
    writeFileSync(file, content);
    await expect(LowdbStore.open(file)).rejects.toThrow(/"conversations" is not a list/);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});

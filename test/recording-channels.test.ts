import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { fixture, sendForm, slackApiDouble, slackEnv } from './helpers/slack';

/** Every channel's questions and votes reach the inbox and counters through the shared deps. */
let api: HttpDouble;
let sofo: Running;
let store: MemoryStore;
let dir: string;

beforeAll(async () => {
  api = slackApiDouble();
  const apiBase = await api.start();
  dir = mkdtempSync(join(tmpdir(), 'sofo-rec-'));
  store = new MemoryStore();
  const config = testConfig({
    ...slackEnv(apiBase, dir),
  });
  sofo = await startServer(config, { store, log: () => undefined, host: '127.0.0.1' });
});

afterAll(async () => {
  await sofo?.stop();
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function inboxSoon(count: number) {
  for (let i = 0; i < 100; i += 1) {
    const items = await store.listInbox();
    if (items.length >= count) return items;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return store.listInbox();
}

const post = (path: string, body: unknown) =>
  fetch(`${sofo.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('recording from every channel', () => {
  it('keeps the fallbacks of Slack and the web chat, and a web 👎, with their channel and no user', async () => {
    const command = {
      ...fixture<Record<string, string>>('slash_command.decoded.json'),
      command: '/sofo',
      text: 'vilken färg har himlen? ring 070-123 45 67',
    };
    expect((await sendForm(sofo.url, command)).status).toBe(200);
    const asked = await (await post('/api/ask', { text: 'hur stor är månen?' })).json();
    expect(asked.kind).toBe('fallback');
    const answered = await (await post('/api/ask', { text: 'Vad är en reserverad upphandling?' })).json();
    expect(answered.kind).toBe('answer');
    const voted = await post('/api/feedback', {
      id: answered.id,
      q: 'Vad är en reserverad upphandling?',
      vote: 'down',
      session: 'tab-1',
    });
    expect(voted.status).toBe(204);

    const items = await inboxSoon(3);
    expect(items.map((i) => [i.channel, i.outcome, i.text])).toEqual([
      ['slack', 'fallback', 'vilken färg har himlen? ring [telefon]'],
      ['web', 'fallback', 'hur stor är månen?'],
      ['web', 'down', 'Vad är en reserverad upphandling?'],
    ]);
    expect(items[2]?.candidates[0]?.id).toBe(answered.id);
    const userId = fixture<Record<string, string>>('slash_command.decoded.json').user_id ?? 'none';
    expect(JSON.stringify(items)).not.toContain(userId);
    const counts = await store.listCounts();
    expect(
      counts
        .filter((c) => c.event === 'fallback')
        .map((c) => c.channel)
        .sort(),
    ).toEqual(['slack', 'web']);
    expect(counts.find((c) => c.event === 'down')).toMatchObject({ entryId: answered.id, channel: 'web' });
  });
});

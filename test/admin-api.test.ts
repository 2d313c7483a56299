import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../src/config/config';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { knowledgeCopy } from './helpers/knowledge-copy';

const TOKEN = 'test-admin-token-0123456789';
const ROUTES: [string, string][] = [
  ['GET', '/admin/api/inbox'],
  ['POST', '/admin/api/inbox/g0123456789/add'],
  ['POST', '/admin/api/inbox/g0123456789/ignore'],
  ['POST', '/admin/api/inbox/g0123456789/draft'],
  ['POST', '/admin/api/test'],
  ['POST', '/admin/api/batch'],
  ['GET', '/admin/api/stats'],
  ['GET', '/admin/api/entries'],
  ['GET', '/admin/api/nonexistent'],
];

let dir: string;
let store: MemoryStore;
let sofo: Running;
const logged: string[] = [];

async function start(env: Record<string, string>) {
  dir = knowledgeCopy();
  store = new MemoryStore();
  const config = readConfig({
    PORT: '0',
    SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
    SOFO_INTENTS_DIR: join(dir, 'intents'),
    SOFO_DRAFTS_DIR: join(dir, 'drafts'),
    SOFO_DATA: join(dir, 'sofo.json'),
    ...env,
  });
  sofo = await startServer(config, { store, log: (l) => logged.push(l), host: '127.0.0.1' });
}

async function stop() {
  await sofo?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const auth = { authorization: `Bearer ${TOKEN}` };
function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  return fetch(`${sofo.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const ask = async (text: string) => (await call('POST', '/api/ask', { text }, {})).json();

async function inboxSoon(count: number) {
  for (let i = 0; i < 100; i += 1) {
    const { groups } = await (await call('GET', '/admin/api/inbox')).json();
    if (groups.length >= count) return groups;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (await (await call('GET', '/admin/api/inbox')).json()).groups;
}

describe('the admin API with SOFO_ADMIN_TOKEN', () => {
  beforeAll(() => start({ SOFO_ADMIN_TOKEN: TOKEN }));
  afterAll(stop);

  it.each(ROUTES)('%s %s is 401 without a token and with a wrong one', async (method, path) => {
    expect((await call(method, path, method === 'POST' ? {} : undefined, {})).status).toBe(401);
    const wrong = await call(method, path, method === 'POST' ? {} : undefined, {
      authorization: 'Bearer nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('serves the page itself to anyone (it holds no data), with its script as a file', async () => {
    const page = await (await fetch(`${sofo.url}/admin`)).text();
    expect(page).toContain('<script src="/admin/static/admin.js" defer></script>');
    expect(page).not.toMatch(/<script>(?!<)/);
    expect((await fetch(`${sofo.url}/admin/static/admin.js`)).status).toBe(200);
  });

  it('lists what the web chat failed on, and adds it as a phrasing that answers the next user', async () => {
    const question = 'vilken färg har himlen över sociala företag?';
    expect((await ask(question)).kind).toBe('fallback');
    const [group] = await inboxSoon(1);
    expect(group).toMatchObject({ count: 1, outcome: 'fallback', lang: 'sv', examples: [question] });
    const entries = await (await call('GET', '/admin/api/entries')).json();
    const target = entries[0];

    expect((await call('POST', '/admin/api/inbox/g0000000000/add', { entryId: target.id })).status).toBe(404);
    const unknownEntry = await call('POST', `/admin/api/inbox/${group.id}/add`, { entryId: 'no-such-entry' });
    expect(unknownEntry.status).toBe(404);
    expect(await unknownEntry.json()).toMatchObject({ error: 'not_found', entryId: 'no-such-entry' });
    expect((await call('POST', `/admin/api/inbox/${group.id}/add`, {})).status).toBe(400);

    const added = await call('POST', `/admin/api/inbox/${group.id}/add`, { entryId: target.id });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ entryId: target.id, added: { sv: [question], en: [] } });
    expect(readFileSync(join(dir, 'knowledge', target.file.split('knowledge/').pop()), 'utf8')).toContain(
      question,
    );
    expect(await ask(question)).toMatchObject({ kind: 'answer', id: target.id });
    expect(logged.some((l) => l.startsWith('admin: ') && l.includes(target.id) && l.includes(question))).toBe(
      true,
    );
  });

  it('refuses a phrasing another entry already has with 409 and which entry', async () => {
    const entries = await (await call('GET', '/admin/api/entries')).json();
    const [first, second] = entries;
    // A 👎 on the web keeps the question whatever the engine answers; this one is the first entry's own.
    const own = (await (await call('POST', '/admin/api/test', { text: first.title.sv })).json()).reply;
    await call('POST', '/api/feedback', { id: own.id, q: first.title.sv, vote: 'down', session: 's' }, {});
    const groups = await inboxSoon(1);
    const group = groups.find((g: { examples: string[] }) => g.examples.includes(first.title.sv));
    expect(group).toBeDefined();
    // Titles are not questions: add it to the first entry, then try it on the second.
    expect((await call('POST', `/admin/api/inbox/${group.id}/add`, { entryId: first.id })).status).toBe(200);
    await call('POST', '/api/feedback', { id: own.id, q: first.title.sv, vote: 'down', session: 's' }, {});
    const again = (await inboxSoon(1)).find((g: { examples: string[] }) =>
      g.examples.includes(first.title.sv),
    );
    const conflict = await call('POST', `/admin/api/inbox/${again.id}/add`, { entryId: second.id });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: 'conflict', entryId: first.id });
  });

  it('ignores a group: gone, and the same question asked again stays out', async () => {
    await ask('hur många ben har en spindel?');
    const group = (await inboxSoon(1)).find((g: { examples: string[] }) =>
      g.examples[0]?.includes('spindel'),
    );
    expect((await call('POST', `/admin/api/inbox/${group.id}/ignore`, {})).status).toBe(200);
    await ask('Hur många ben har en spindel');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { groups } = await (await call('GET', '/admin/api/inbox')).json();
    expect(groups.flatMap((g: { examples: string[] }) => g.examples).join(' ')).not.toContain('spindel');
  });

  it('answers the test panel with the outcome and candidates, without counting it', async () => {
    const before = (await store.listCounts()).reduce((n, c) => n + c.count, 0);
    const res = await call('POST', '/admin/api/test', { text: 'hur många ben har en spindel?' });
    const body = await res.json();
    expect(body.reply.kind).toBe('fallback');
    expect(body.explanation).toMatchObject({ outcome: 'fallback' });
    expect(Array.isArray(body.explanation.candidates)).toBe(true);
    const entries = await (await call('GET', '/admin/api/entries')).json();
    const title = entries[0].title.sv;
    const answered = await (await call('POST', '/admin/api/test', { text: title })).json();
    const best = answered.explanation.candidates[0];
    expect(best.id).toBe(answered.reply.id);
    expect(best.matched.length).toBeGreaterThan(0);
    expect(best.matched[0]).toEqual(
      expect.objectContaining({ word: expect.any(String), via: expect.any(String) }),
    );
    expect((await store.listCounts()).reduce((n, c) => n + c.count, 0)).toBe(before);
  });

  it('runs a batch test of JSON and tab lines, with accuracy, misses and unreadable lines', async () => {
    const entries = await (await call('GET', '/admin/api/entries')).json();
    const lines = [
      JSON.stringify({ q: 'hur många ben har en spindel?', expect: 'fallback' }),
      `hur många ben har en spindel?\t${entries[0].id}`,
      'a line without a tab',
      JSON.stringify({ q: 'x', expect: 'no-such-id' }),
    ].join('\n');
    const res = await call('POST', '/admin/api/batch', undefined, { ...auth, 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    const report = await (
      await fetch(`${sofo.url}/admin/api/batch`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/plain' },
        body: lines,
      })
    ).json();
    expect(report).toMatchObject({ total: 3, correct: 1, accuracy: 0.333, unknownIds: ['no-such-id'] });
    expect(report.misses.map((m: { line: number }) => m.line)).toEqual([2, 4]);
    expect(report.problems.map((p: { line: number }) => p.line)).toEqual([3]);
  });

  it('refuses an oversized batch with 413, by bytes and by lines', async () => {
    const post = (body: string) =>
      fetch(`${sofo.url}/admin/api/batch`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/plain' },
        body,
      });
    expect((await post('x\ty\n'.repeat(2001))).status).toBe(413);
    expect((await post('x'.repeat(600 * 1024))).status).toBe(413);
  });

  it('shows per-week stats as counts only', async () => {
    const stats = await (await call('GET', '/admin/api/stats?weeks=4')).json();
    expect(stats.weeks).toHaveLength(4);
    const thisWeek = stats.weeks.at(-1);
    expect(thisWeek.questions).toBeGreaterThanOrEqual(3);
    expect(thisWeek.refused).toBeGreaterThanOrEqual(2);
    expect(thisWeek.down).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(stats)).not.toMatch(/spindel|himlen/);
  });

  it('tells the page the problems of a change that was refused, while the last good knowledge serves', async () => {
    const file = join(dir, 'knowledge', 'broken.md');
    writeFileSync(file, '---\nid: [broken\n---\n');
    sofo.knowledge.reload();
    const status = await (await call('GET', '/admin/api/status')).json();
    expect(status.problems.join('\n')).toContain('broken.md');
    rmSync(file);
    sofo.knowledge.reload();
    expect((await (await call('GET', '/admin/api/status')).json()).problems).toEqual([]);
  });

  it('logs in through the form with an http-only SameSite cookie that the API accepts', async () => {
    const wrong = await fetch(`${sofo.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=nope',
      redirect: 'manual',
    });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe('/admin?login=failed');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await fetch(`${sofo.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${TOKEN}`,
      redirect: 'manual',
    });
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    const session = { cookie: cookie.split(';')[0] ?? '' };
    expect((await call('GET', '/admin/api/inbox', undefined, session)).status).toBe(200);
    const forged = { cookie: `${(cookie.split(';')[0] ?? '').split('.')[0]}.forged` };
    expect((await call('GET', '/admin/api/inbox', undefined, forged)).status).toBe(401);
    const crossSite = await call(
      'POST',
      '/admin/api/inbox/g0/ignore',
      {},
      { ...session, origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });
});

describe('the admin page without SOFO_ADMIN_TOKEN', () => {
  beforeAll(() => start({}));
  afterAll(stop);

  it('answers on this computer and says so', async () => {
    expect((await call('GET', '/admin/api/status', undefined, {})).status).toBe(200);
    expect(await (await call('GET', '/admin/api/status', undefined, {})).json()).toMatchObject({
      tokenConfigured: false,
    });
    expect(logged.some((l) => l.includes('/admin') && l.includes('SOFO_ADMIN_TOKEN'))).toBe(true);
  });

  it('refuses a request that came through a proxy, page and API alike', async () => {
    const proxied = { 'x-forwarded-for': '203.0.113.7' };
    const page = await call('GET', '/admin', undefined, proxied);
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(/SOFO_ADMIN_TOKEN/);
    expect((await call('GET', '/admin/api/inbox', undefined, proxied)).status).toBe(403);
  });
});

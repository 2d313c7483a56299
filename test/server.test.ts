import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answersFor } from '../src/channels/shared/answers';
import { webRoutes } from '../src/channels/web/routes';
import { engineFor, knowledgePaths } from '../src/entry/load-engine';
import { LiveKnowledge } from '../src/live/live-knowledge';
import { createApp, listen } from '../src/server/http';
import { MemoryStore } from '../src/storage/memory-store';
import { pseudonymizer } from '../src/storage/pseudonym';
import { fixtureEngine, testConfig } from './helpers/engine';

let server: Server;
let base: string;
const logged: string[] = [];
const store = new MemoryStore();

beforeAll(async () => {
  const knowledge = new LiveKnowledge({ paths: knowledgePaths(testConfig()), build: engineFor });
  const web = webRoutes({
    engine: answersFor('web', () => knowledge.engine),
    store,
    now: () => new Date('2026-11-26T12:00:00Z'),
    pseudonymize: pseudonymizer('test-key'),
  });
  server = await listen(createApp({ knowledge, log: (l) => logged.push(l), routers: [web] }), 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function post(path: string, body: string, type = 'application/json') {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
}

describe('the local web chat server', () => {
  it('serves the chat page at /', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/<form id="ask">/);
  });

  it('answers POST /api/ask with the JSON reply', async () => {
    const res = await post('/api/ask', JSON.stringify({ text: 'Vad är en reserverad upphandling?' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'answer', id: 'concept-reserved-tender', lang: 'sv' });
  });

  it('honours a requested language', async () => {
    const res = await post('/api/ask', JSON.stringify({ text: 'reserverad upphandling', lang: 'en' }));
    expect(await res.json()).toMatchObject({ lang: 'en' });
  });

  it('opens a clarify choice by id, and 404s an unknown one', async () => {
    expect(await (await fetch(`${base}/api/answer/case-norrvik-cleaning?lang=en`)).json()).toMatchObject({
      id: 'case-norrvik-cleaning',
      lang: 'en',
    });
    expect((await fetch(`${base}/api/answer/no-such-entry`)).status).toBe(404);
  });

  it('looks up contacts', async () => {
    const res = await post('/api/contacts', JSON.stringify({ query: 'Ekby' }));
    expect(await res.json()).toMatchObject({ kind: 'contacts' });
  });

  it('reports health', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({
      status: 'ok',
      entries: fixtureEngine().kb.entries.length,
      knowledge: {
        version: expect.stringMatching(/^[0-9a-f]{12}$/),
        loadedAt: expect.any(String),
        problems: 0,
      },
    });
  });

  it.each([
    ['malformed JSON', '{"text": ', 400],
    ['JSON without text', '{"question": "hej"}', 400],
    ['text of the wrong type', '{"text": 42}', 400],
    ['an unknown language', '{"text": "hej", "lang": "de"}', 400],
    ['JSON that is not an object', '"hej"', 400],
    ['a body over the limit', JSON.stringify({ text: 'x'.repeat(100_000) }), 413],
  ])('%s gets %i with a JSON error and no stack trace', async (_name, body, status) => {
    const res = await post('/api/ask', body);
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text)).toHaveProperty('error');
    expect(text).not.toMatch(/\bat \w+ \(|node_modules/);
  });

  it('records 👍/👎 from the web chat with a hashed session, and refuses bad votes', async () => {
    const vote = { id: 'concept-work-integration', q: 'vad är ASF?', vote: 'up', session: 'browser-123' };
    expect((await post('/api/feedback', JSON.stringify(vote))).status).toBe(204);
    expect(store.feedback).toEqual([
      expect.objectContaining({
        entryId: 'concept-work-integration',
        question: 'vad är ASF?',
        vote: 'up',
        platform: 'web',
      }),
    ]);
    expect(JSON.stringify(store.feedback)).not.toContain('browser-123');
    expect((await post('/api/feedback', JSON.stringify({ ...vote, vote: 'meh' }))).status).toBe(400);
    expect((await post('/api/feedback', JSON.stringify({ ...vote, id: 'no-such-entry' }))).status).toBe(404);
    expect((await post('/api/feedback', JSON.stringify({ ...vote, id: 'contact:nobody' }))).status).toBe(404);
    expect(
      (await post('/api/feedback', JSON.stringify({ ...vote, id: 'contact:greta-lindqvist' }))).status,
    ).toBe(204);
  });

  it('404s unknown routes as JSON', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error', 'not_found');
  });

  it('keeps serving after bad requests', async () => {
    await post('/api/ask', '{{{');
    const res = await post('/api/ask', JSON.stringify({ text: 'hej' }));
    expect(res.status).toBe(200);
    expect(logged).toEqual([]);
  });
});

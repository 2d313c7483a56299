import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { fixture, nextTs, sendEvent, sendForm, slackApiDouble, slackEnv } from './helpers/slack';

/**
 * Slack requests that are signed correctly but should still be refused (audit-reliability D10, D13),
 * and what a refusal writes to the log.
 */

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that tests reach into
type Json = Record<string, any>;

let api: HttpDouble;
let sofo: Running;
const log: string[] = [];

beforeAll(async () => {
  api = slackApiDouble();
  const apiBase = await api.start();
  const config = testConfig({
    ...slackEnv(apiBase),
  });
  sofo = await startServer(config, { store: new MemoryStore(), log: (l) => log.push(l), host: '127.0.0.1' });
});

afterAll(async () => {
  await sofo.stop();
  await api.stop();
});

function mention(text = '<@U000FAKEBOT> vad är ett reserverat kontrakt?'): Json {
  const body = fixture<Json>('app_mention_channel.json');
  const ts = nextTs();
  body.event_id = `Ev${ts.replace('.', '')}`;
  body.event = { ...body.event, ts, event_ts: ts, text };
  return body;
}

const now = () => Math.floor(Date.now() / 1000);
const postsFor = (ts: string) =>
  api.to('chat.postMessage').filter((c) => c.body.thread_ts === ts || c.body.ts === ts);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** The log lines written while `send` ran. */
async function logged(send: () => Promise<Response>): Promise<{ status: number; lines: string[] }> {
  const before = log.length;
  const res = await send();
  await res.text();
  await settle();
  return { status: res.status, lines: log.slice(before) };
}

describe('time stamps (D10): more than 5 minutes from now, either way, is refused before Bolt', () => {
  it.each([
    ['one hour ahead', 3600],
    ['ten years ahead', 10 * 365 * 24 * 3600],
    ['one hour old', -3600],
    ['5 min 1 s ahead', 301],
  ])('a correctly signed event dated %s gets 401 and no reply', async (_name, offset) => {
    const body = mention();
    const { status, lines } = await logged(() => sendEvent(sofo.url, body, { timestamp: now() + offset }));
    expect(status).toBe(401);
    expect(postsFor(body.event.ts)).toHaveLength(0);
    expect(lines).toHaveLength(1);
  });

  it('still answers an event dated 4 minutes ahead (clocks differ a little)', async () => {
    const body = mention();
    expect((await sendEvent(sofo.url, body, { timestamp: now() + 240 })).status).toBe(200);
    await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === body.event.ts);
  });
});

describe('signed but malformed bodies (D13) get 400, not 500', () => {
  it.each([
    ['JSON null', 'null'],
    ['a JSON array', '[1,2]'],
    ['an event that is a string', JSON.stringify({ type: 'event_callback', event: 'x' })],
    ['an event whose channel is a number', JSON.stringify({ type: 'event_callback', event: { channel: 7 } })],
  ])('%s', async (_name, raw) => {
    const { status, lines } = await logged(() => sendEvent(sofo.url, JSON.parse(raw)));
    expect(status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(raw);
  });

  it('a block_actions click without user', async () => {
    const payload = JSON.stringify({
      type: 'block_actions',
      team: { id: 'T000FAKE' },
      actions: [
        { action_id: 'sofo_feedback_up', type: 'button', value: '{"id":"concept-wise","lang":"sv","q":"x"}' },
      ],
    });
    const { status } = await logged(() => sendForm(sofo.url, { payload }));
    expect(status).toBe(400);
  });
});

describe('a signature failure', () => {
  it('is a 401 with one log line that holds neither the body nor a header', async () => {
    const body = mention('<@U000FAKEBOT> hemlig fråga 4711');
    const { status, lines } = await logged(() => sendEvent(sofo.url, body, { secret: 'not-the-secret' }));
    expect(status).toBe(401);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/4711|v0=|T000FAKE|xoxb/);
    expect(lines[0]?.length).toBeLessThan(120);
  });

  it('leaves Sofo answering real events', async () => {
    const body = mention();
    expect((await sendEvent(sofo.url, body)).status).toBe(200);
    await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === body.event.ts);
  });
});

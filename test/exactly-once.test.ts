import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Running, startServer } from '../src/entry/serve';
import { StoreError } from '../src/storage/errors';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { startPostgres, type TestPostgres } from './helpers/postgres';
import { fixture, nextTs, sendEvent, slackApiDouble, slackEnv } from './helpers/slack';
import { activity, connectorDouble, post, route } from './helpers/teams';

/**
 * Exactly once across restarts and instances, over real HTTP: a Slack retry or a Teams re-delivery
 * after a restart (lowdb), or delivered to another instance on the same database (PostgreSQL), is
 * answered once.
 */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that tests reach into
type Json = Record<string, any>;

let slackApi: HttpDouble;
let connector: HttpDouble;
let apiBase: string;
let connectorUrl: string;
let postgres: TestPostgres;
let dir: string;
const running: Running[] = [];

beforeAll(async () => {
  slackApi = slackApiDouble();
  apiBase = await slackApi.start();
  connector = connectorDouble();
  connectorUrl = await connector.start();
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await slackApi.stop();
  await connector.stop();
  await postgres?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-once-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<Running> {
  const config = testConfig({
    ...slackEnv(apiBase, dir),
    ...env,
  });
  const sofo = await startServer(config, { log: () => undefined, host: '127.0.0.1' });
  running.push(sofo);
  return sofo;
}

async function stop(sofo: Running): Promise<void> {
  running.splice(running.indexOf(sofo), 1);
  await sofo.stop();
}

function mention(text: string): Json {
  const body = fixture<Json>('app_mention_channel.json');
  const ts = nextTs();
  body.event_id = `Ev${ts.replace('.', '')}`;
  body.event = { ...body.event, ts, event_ts: ts, text: `<@U000FAKEBOT> ${text}` };
  return body;
}

const postsFor = (ts: string) =>
  slackApi.to('chat.postMessage').filter((c) => c.body.thread_ts === ts).length;
/** Another event answered after the ones under test: everything sent before it has been handled. */
async function settle(sofo: Running): Promise<void> {
  const barrier = mention('vad är ett reserverat kontrakt?');
  await sendEvent(sofo.url, barrier);
  await slackApi.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === barrier.event.ts);
}

const retry = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };

describe('lowdb: after a restart', () => {
  it('a Slack retry of an answered event is not answered again', async () => {
    const first = await start({});
    const event = mention('vad är ett reserverat kontrakt?');
    await sendEvent(first.url, event);
    await slackApi.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === event.event.ts);
    await stop(first);
    const second = await start({});
    expect((await sendEvent(second.url, event, retry)).status).toBe(200);
    await settle(second);
    expect(postsFor(event.event.ts)).toBe(1);
  });

  it('a Teams activity delivered again is not answered again', async () => {
    const first = await start({});
    const message = activity('message_personal.json', connectorUrl, {
      text: 'Vad är ett reserverat kontrakt?',
      conversation: { id: `a:once-${Date.now()}` },
    });
    expect((await post(first.url, message)).status).toBe(200);
    await stop(first);
    const second = await start({});
    expect((await post(second.url, message)).status).toBe(200);
    const replies = connector.calls.filter(
      (c) => route(c).conversation === message.conversation.id && c.method === 'POST',
    );
    expect(replies).toHaveLength(1);
  });
});

describe('PostgreSQL: two instances on one database', () => {
  it('answer each Slack event once when its deliveries go to both', async () => {
    const url = await postgres.database();
    const env = { SOFO_DATABASE_URL: url, SOFO_PSEUDONYM_KEY: 'k'.repeat(64) };
    const [a, b] = [await start(env), await start(env)];
    const events = Array.from({ length: 10 }, (_, n) => mention(`vad är ett reserverat kontrakt ${n}?`));
    await Promise.all(
      events.flatMap((e) => [sendEvent(a.url, e), sendEvent(b.url, e, retry), sendEvent(a.url, e, retry)]),
    );
    await settle(a);
    await settle(b);
    expect(events.map((e) => postsFor(e.event.ts))).toEqual(events.map(() => 1));
  });

  it('answer a Teams activity once when it reaches both', async () => {
    const url = await postgres.database();
    const env = { SOFO_DATABASE_URL: url, SOFO_PSEUDONYM_KEY: 'k'.repeat(64) };
    const [a, b] = [await start(env), await start(env)];
    const message = activity('message_personal.json', connectorUrl, {
      text: 'Vad är ett reserverat kontrakt?',
      conversation: { id: `a:twice-${Date.now()}` },
    });
    await Promise.all([post(a.url, message), post(b.url, message)]);
    const replies = connector.calls.filter(
      (c) => route(c).conversation === message.conversation.id && c.method === 'POST',
    );
    expect(replies).toHaveLength(1);
  });

  it('refuse to start against a database that is down, naming SOFO_DATABASE_URL without its password', async () => {
    const down = postgres.url('sofo').replace(/:\d+\//, ':1/');
    const failure = start({ SOFO_DATABASE_URL: down, SOFO_PSEUDONYM_KEY: 'k'.repeat(64) });
    await expect(failure).rejects.toThrow(StoreError);
    await expect(failure).rejects.toThrow(
      /^SOFO_DATABASE_URL \(postgres:\/\/sofo:\*\*\*@127\.0\.0\.1:1\/sofo\): cannot be used: ECONNREFUSED/,
    );
    await expect(failure).rejects.not.toThrow(/sofo-test/);
  });
});

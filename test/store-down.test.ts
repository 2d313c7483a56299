import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { PendingWrites } from '../src/storage/pending-writes';
import type { FeedbackRecord } from '../src/storage/store';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { startPostgres, type TestPostgres } from './helpers/postgres';
import { fixture, nextTs, sendEvent, slackApiDouble, slackEnv } from './helpers/slack';

/** The database goes away while Sofo serves: answers still go out, votes wait, /healthz says so. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that tests reach into
type Json = Record<string, any>;

const vote = (n: number): FeedbackRecord => ({
  entryId: 'concept-reserved-tender',
  question: `fråga ${n}`,
  vote: 'up',
  platform: 'web',
  user: `u${n}`,
  at: new Date(n * 1000).toISOString(),
});

describe('PendingWrites', () => {
  it('keeps votes the store refused and writes them, in order, once it answers again', async () => {
    const store = new MemoryStore();
    const real = store.addFeedback.bind(store);
    let down = true;
    store.addFeedback = async (record) => {
      if (down) throw new Error('ECONNREFUSED');
      return real(record);
    };
    const log: string[] = [];
    const pending = new PendingWrites(store, (line) => log.push(line), 60_000);
    await pending.addFeedback(vote(1));
    await pending.addFeedback(vote(2));
    expect(pending.pending).toBe(2);
    await pending.flush();
    expect(pending.pending).toBe(2);
    down = false;
    await pending.flush();
    pending.stop();
    expect(pending.pending).toBe(0);
    expect(store.feedback.map((v) => v.question)).toEqual(['fråga 1', 'fråga 2']);
    expect(log).toEqual([
      expect.stringMatching(/could not be written \(ECONNREFUSED\)/),
      expect.stringMatching(/reachable again/),
    ]);
  });
});

describe('a database that stops while Sofo serves', () => {
  let postgres: TestPostgres;
  let api: HttpDouble;
  let sofo: Running;
  let dir: string;
  const log: string[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    api = slackApiDouble();
    const apiBase = await api.start();
    dir = mkdtempSync(join(tmpdir(), 'sofo-down-'));
    const config = testConfig({
      ...slackEnv(apiBase, dir),
      SOFO_DATABASE_URL: await postgres.database(),
      SOFO_PSEUDONYM_KEY: 'k'.repeat(64),
    });
    sofo = await startServer(config, { log: (l) => log.push(l), host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await sofo?.stop();
    await api.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async () => (await fetch(`${sofo.url}/healthz`)).json() as Promise<Json>;

  it('still answers, keeps the vote, and says degraded', async () => {
    expect(await health()).toMatchObject({ status: 'ok', store: 'ok' });
    await postgres.stop();

    const body = fixture<Json>('app_mention_channel.json');
    const ts = nextTs();
    body.event_id = `Ev${ts.replace('.', '')}`;
    body.event = {
      ...body.event,
      ts,
      event_ts: ts,
      text: '<@U000FAKEBOT> vad är en reserverad upphandling?',
    };
    expect((await sendEvent(sofo.url, body)).status).toBe(200);
    await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === ts);

    const feedback = await fetch(`${sofo.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'concept-reserved-tender',
        q: 'vad är en reserverad upphandling?',
        vote: 'up',
        session: 's',
      }),
    });
    expect(feedback.status).toBe(204);
    const degraded = await health();
    expect(degraded).toMatchObject({ status: 'degraded', store: 'unreachable', pendingVotes: 1 });
    expect(log.join('\n')).toMatch(/a vote could not be written/);
    expect(log.join('\n')).not.toContain('sofo-test');
  });
});

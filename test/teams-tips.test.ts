import { createAdapter } from '../src/channels/teams/adapter';
import { TeamsTipSender } from '../src/channels/teams/tips';
import { MemoryStore } from '../src/storage/memory-store';
import type { Subscription } from '../src/tips/model';
import { HttpDouble } from '../src/tools/doubles/http-double';
import { fixtureEngine, testConfig } from './helpers/engine';

/** The Teams tip sender against a Bot Connector double that answers each conversation as told. */
let connector: HttpDouble;
let serviceUrl: string;
const store = new MemoryStore();
const engine = fixtureEngine();

beforeAll(async () => {
  connector = new HttpDouble((call) => {
    if (call.path.includes('ratelimited')) return { status: 429, headers: { 'retry-after': '1' }, body: {} };
    if (call.path.includes('gone')) return { status: 404, body: { error: { code: 'ConversationNotFound' } } };
    return { body: { id: 'sent-1' } };
  });
  serviceUrl = await connector.start();
  for (const id of ['19:ok@thread.tacv2', '19:ratelimited@thread.tacv2', '19:gone@thread.tacv2']) {
    await store.saveConversation({
      platform: 'teams',
      id,
      reference: {
        serviceUrl: `${serviceUrl}/`,
        channelId: 'msteams',
        conversation: { id, conversationType: 'channel' },
        bot: { id: '28:bot' },
      },
      at: 't',
    });
  }
});
afterAll(() => connector.stop());

const sender = () =>
  new TeamsTipSender(
    createAdapter(testConfig().teams, () => undefined),
    '',
    store,
  );
const sub = (target: string): Subscription => ({
  id: `teams:${target}`,
  platform: 'teams',
  target,
  lang: 'en',
  offset: 0,
  cursor: 0,
  since: 't',
  source: 'command',
});
const message = () => {
  const tip = engine.kb.tips[0];
  if (!tip) throw new Error('no tips');
  return engine.tipMessage(tip, 'en');
};

describe('the Teams tip sender', () => {
  it('posts the tip card into the stored conversation', async () => {
    expect(await sender().send(sub('19:ok@thread.tacv2'), message())).toEqual({ ok: true });
    const call = await connector.waitFor((c) => c.path.includes('19%3Aok%40thread.tacv2'));
    expect(JSON.stringify(call.body)).toMatch(/Tip of the week[\s\S]*Read more/);
  });

  // botbuilder's connector client itself waits out a 429's Retry-After a few times before it gives up;
  // what reaches the runner then still carries the Retry-After.
  it('reads 429 as rate limited with its Retry-After, and 404 as gone', async () => {
    expect(await sender().send(sub('19:ratelimited@thread.tacv2'), message())).toMatchObject({
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: 1000,
    });
    expect(await sender().send(sub('19:gone@thread.tacv2'), message())).toMatchObject({
      ok: false,
      kind: 'gone',
    });
  });

  it('a conversation Sofo no longer has a reference to is gone', async () => {
    expect(await sender().send(sub('19:unknown@thread.tacv2'), message())).toMatchObject({
      ok: false,
      kind: 'gone',
    });
  });
});

import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import type { HttpDouble } from '../src/tools/doubles/http-double';
import { testConfig } from './helpers/engine';
import { activity, connectorDouble, post, route, USER_ID } from './helpers/teams';

/**
 * Teams tips that end are told to the person who turned them on, in a 1:1 chat (Bot Connector
 * createConversation): at once when Sofo is removed, or at the slot when Teams refuses the post.
 */
let connector: HttpDouble;
let connectorUrl: string;
let sofo: Running;
const store = new MemoryStore();
let now = new Date('2026-11-26T12:00:00Z'); // a Thursday
const log: string[] = [];

beforeAll(async () => {
  connector = connectorDouble((call) => call.path.includes('refused'));
  connectorUrl = await connector.start();
  sofo = await startServer(testConfig({ PORT: '0' }), {
    store,
    log: (l) => log.push(l),
    host: '127.0.0.1',
    now: () => now,
  });
});

afterAll(async () => {
  await sofo?.stop();
  await connector.stop();
});

async function turnOnTips(channel: string): Promise<void> {
  await post(
    sofo.url,
    activity('message_channel_mention.json', connectorUrl, {
      text: '<at>Chat SDK Demo</at> tips på',
      conversation: { id: channel },
    }),
  );
  const subscription = (await store.listSubscriptions()).find((s) => s.id === `teams:${channel}`);
  expect(subscription?.subscriber).toBe(USER_ID);
}

/** The 1:1 chats Sofo opened, and what it said in each. */
function oneToOnes(): { members: unknown; said: string[] }[] {
  const created = connector.calls.filter(
    (c) => c.method === 'POST' && c.path.split('?')[0] === '/v3/conversations',
  );
  return created.map((c) => {
    const index = connector.calls.indexOf(c);
    const said = connector.calls
      .slice(index + 1)
      .filter((m) => m.method === 'POST' && route(m).conversation.startsWith('sofo-'))
      .map((m) => String(m.body.text ?? ''));
    return { members: c.body.members, said };
  });
}

describe('Teams tips that end', () => {
  it('Sofo removed from the team: the subscription ends now, and the subscriber is told in a 1:1', async () => {
    const channel = '19:ended-team@thread.tacv2';
    await turnOnTips(channel);
    const removed = activity('installation_update_add_team.json', connectorUrl, {
      action: 'remove',
      conversation: { id: channel },
    });
    expect((await post(sofo.url, removed)).status).toBe(200);
    expect((await store.listSubscriptions()).some((s) => s.id === `teams:${channel}`)).toBe(false);
    const chats = oneToOnes();
    expect(chats).toHaveLength(1);
    expect(chats[0]?.members).toEqual([expect.objectContaining({ id: USER_ID })]);
    expect(chats[0]?.said.join('\n')).toMatch(
      /Veckans tips till kanalen eller chatten där du slog på dem har slutat/,
    );
  });

  it('Teams refuses the tip (403): the subscription ends at the slot and the subscriber is told once', async () => {
    const channel = '19:refused@thread.tacv2';
    await turnOnTips(channel);
    now = new Date('2026-11-30T08:01:00Z');
    await sofo.tips.reconcile();
    await sofo.tips.reconcile();
    expect((await store.listSubscriptions()).some((s) => s.id === `teams:${channel}`)).toBe(false);
    expect(log.join('\n')).toMatch(/teams:19:refused@thread\.tacv2: Teams: HTTP 403; subscription ended/);
    expect(oneToOnes()).toHaveLength(2);
  });
});

import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { activity, connectorDouble, post, route } from './helpers/teams';

/** SOFO_TEAMS_TENANTS: only the chosen tenants are answered; any other gets nothing and stores nothing. */
const OURS = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'; // the fixtures' tenant
const OTHER = '99999999-8888-7777-6666-555555555555';

let connector: HttpDouble;
let connectorUrl: string;
let sofo: Running;
const store = new MemoryStore();

beforeAll(async () => {
  connector = connectorDouble();
  connectorUrl = await connector.start();
  sofo = await startServer(testConfig({ PORT: '0', SOFO_TEAMS_TENANTS: ` ${OURS.toUpperCase()} ` }), {
    store,
    log: () => undefined,
    host: '127.0.0.1',
  });
});
afterAll(async () => {
  await sofo.stop();
  await connector.stop();
});

function from(tenant: string, conversation: string) {
  const message = activity('message_personal.json', connectorUrl, {
    text: 'Vad är en reserverad upphandling?',
    conversation: { id: conversation, tenantId: tenant },
  });
  message.channelData = { ...message.channelData, tenant: { id: tenant } };
  return message;
}
const callsTo = (conversation: string) =>
  connector.calls.filter((c) => route(c).conversation === conversation);

describe('SOFO_TEAMS_TENANTS', () => {
  it('answers a chosen tenant', async () => {
    expect((await post(sofo.url, from(OURS, 'a:ours'))).status).toBe(200);
    expect(callsTo('a:ours')).toHaveLength(1);
  });

  it('answers no other tenant, and stores nothing of it', async () => {
    const installed = activity('conversation_update_bot_added_to_team.json', connectorUrl, {
      conversation: { id: '19:other@thread.tacv2', tenantId: OTHER },
    });
    installed.channelData = { ...installed.channelData, tenant: { id: OTHER } };
    expect((await post(sofo.url, installed)).status).toBe(200);
    expect((await post(sofo.url, from(OTHER, 'a:other'))).status).toBe(200);
    expect(callsTo('a:other')).toHaveLength(0);
    expect(callsTo('19:other@thread.tacv2')).toHaveLength(0);
    expect(await store.listConversations()).toEqual([]);
  });

  it('is refused at start when an id is no tenant id', () => {
    expect(() => testConfig({ SOFO_TEAMS_TENANTS: 'contoso' })).toThrow(
      /SOFO_TEAMS_TENANTS: "contoso" is not a tenant id/,
    );
  });
});

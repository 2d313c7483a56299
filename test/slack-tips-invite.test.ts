import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { BOT_USER, type SlackApiDouble, slackApiDouble } from '../src/tools/doubles/slack';
import { testConfig } from './helpers/engine';
import { fixture, nextTs, SIGNING_SECRET, sendEvent, sendForm } from './helpers/slack';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that tests reach into
type Json = Record<string, any>;

/**
 * Tips that arrive: `/sofo tips på` where Sofo is not a member waits for the invitation and says how
 * to invite; a DM between others is refused; a subscription that ends (Sofo removed, channel
 * archived) is told to the person who subscribed. Over HTTP against the Slack double, with a clock.
 */
let api: SlackApiDouble;
let sofo: Running;
const store = new MemoryStore();
let now = new Date('2026-11-26T12:00:00Z'); // a Thursday
const log: string[] = [];

beforeAll(async () => {
  api = slackApiDouble();
  const base = await api.start();
  const config = testConfig({
    PORT: '0',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: `${base}/api/`,
  });
  sofo = await startServer(config, { store, log: (l) => log.push(l), host: '127.0.0.1', now: () => now });
});

afterAll(async () => {
  await sofo?.stop();
  await api.stop();
});

const SUBSCRIBER = 'U0SUBSCR01';

async function tipsCommand(channel: string, text: string, fields: Record<string, string> = {}) {
  const res = await sendForm(sofo.url, {
    ...fixture<Record<string, string>>('slash_command.decoded.json'),
    command: '/sofo',
    text,
    channel_id: channel,
    user_id: SUBSCRIBER,
    ...fields,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { text: string }).text;
}

/** Sofo itself joining or leaving a channel, as Slack sends it. */
function membership(type: 'member_joined_channel' | 'member_left_channel', channel: string): Json {
  const body = fixture<Json>('app_mention_channel.json');
  const ts = nextTs();
  body.event_id = `Ev${ts.replace('.', '')}`;
  body.event = { type, user: BOT_USER, channel, channel_type: 'C', team: 'T000FAKE', event_ts: ts };
  if (type === 'member_joined_channel') body.event.inviter = SUBSCRIBER;
  return body;
}

const postsTo = (channel: string) => api.to('chat.postMessage').filter((c) => c.body.channel === channel);
const subscription = async (channel: string) =>
  (await store.listSubscriptions()).find((s) => s.id === `slack:${channel}`);

describe('tips where Sofo is not a member', () => {
  const channel = 'C0OUTINV01';

  it('answers with how to invite Sofo, and subscribes nothing that could be posted yet', async () => {
    const text = await tipsCommand(channel, 'tips på');
    expect(text).toContain('/invite @Sofo');
    expect(text).not.toMatch(/Klart/);
    expect(await subscription(channel)).toMatchObject({ pending: true, subscriber: SUBSCRIBER });
    expect(await tipsCommand(channel, 'tips')).toContain('/invite @Sofo');

    now = new Date('2026-11-30T08:00:30Z'); // Monday 09:00:30 in Stockholm
    await sofo.tips.reconcile();
    expect(postsTo(channel)).toHaveLength(0);
    expect(postsTo(SUBSCRIBER)).toHaveLength(0);
  });

  it('subscribes once Sofo is invited, says so in the channel, and the next slot posts the tip', async () => {
    api.members.add(channel);
    expect((await sendEvent(sofo.url, membership('member_joined_channel', channel))).status).toBe(200);
    const thanks = await api.waitFor(
      (c) => c.path.endsWith('chat.postMessage') && c.body.channel === channel,
    );
    expect(thanks.body.text).toMatch(/Tack för inbjudan[\s\S]*`\/sofo tips av`/);
    const active = await subscription(channel);
    expect(active?.pending).toBeUndefined();
    expect(active?.subscriber).toBe(SUBSCRIBER);

    now = new Date('2026-12-07T08:00:30Z');
    await sofo.tips.reconcile();
    const tips = postsTo(channel).filter((c) => c.body.metadata);
    expect(tips).toHaveLength(1);
  });

  it('tells the subscriber in a DM when Sofo is removed from the channel, and ends the subscription', async () => {
    api.members.delete(channel);
    await sendEvent(sofo.url, membership('member_left_channel', channel));
    const dm = await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.channel === SUBSCRIBER);
    expect(dm.body.text).toContain(`<#${channel}>`);
    expect(dm.body.text).toMatch(/har slutat[\s\S]*`\/sofo tips på`/);
    expect(await subscription(channel)).toBeUndefined();
    now = new Date('2026-12-14T08:00:30Z');
    await sofo.tips.reconcile();
    expect(postsTo(channel).filter((c) => c.body.metadata)).toHaveLength(1);
  });
});

describe('tips that cannot arrive', () => {
  it('a DM between other people: says clearly it cannot, and subscribes nothing', async () => {
    const channel = 'C_channel_not_found';
    const text = await tipsCommand(channel, 'tips på', { channel_name: 'directmessage' });
    expect(text).toMatch(/inte skicka tips/);
    expect(text).toContain('`/sofo tips på`');
    expect(await subscription(channel)).toBeUndefined();
  });

  it('an archived channel: the subscription ends at the slot and the subscriber is told, once', async () => {
    const channel = 'C_is_archived';
    expect(await tipsCommand(channel, 'tips på')).toMatch(/Klart[\s\S]*`\/sofo tips av`/);
    now = new Date('2026-12-21T08:00:30Z');
    await sofo.tips.reconcile();
    await sofo.tips.reconcile();
    expect(await subscription(channel)).toBeUndefined();
    const told = postsTo(SUBSCRIBER).filter((c) => String(c.body.text).includes(`<#${channel}>`));
    expect(told).toHaveLength(1);
    expect(log.join('\n')).toMatch(/slack:C_is_archived: Slack: is_archived; subscription ended/);
  });
});

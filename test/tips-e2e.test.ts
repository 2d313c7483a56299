import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import type { HttpDouble } from '../src/tools/doubles/http-double';
import { slackApiDouble } from '../src/tools/doubles/slack';
import { testConfig } from './helpers/engine';
import { fixture, SIGNING_SECRET, sendForm } from './helpers/slack';
import { activity, connectorDouble, post, route } from './helpers/teams';

/**
 * Tips end to end over real HTTP: subscribe with the platform's own command, let the clock pass a
 * Monday 09:00, and see exactly one tip arrive at each platform's double — and none after unsubscribing.
 */
let slackApi: HttpDouble;
let connector: HttpDouble;
let connectorUrl: string;
let sofo: Running;
const store = new MemoryStore();
let now = new Date('2026-11-26T12:00:00Z'); // a Thursday
const log: string[] = [];

beforeAll(async () => {
  slackApi = slackApiDouble();
  const slackBase = await slackApi.start();
  connector = connectorDouble((call) => call.path.includes('removed'));
  connectorUrl = await connector.start();
  const config = testConfig({
    PORT: '0',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: `${slackBase}/api/`,
  });
  sofo = await startServer(config, { store, log: (l) => log.push(l), host: '127.0.0.1', now: () => now });
});

afterAll(async () => {
  // If start-up failed, there is no server, but the doubles must still close or Jest never exits.
  await sofo?.stop();
  await slackApi.stop();
  await connector.stop();
});

const slackCommand = (channel: string, text: string) =>
  sendForm(sofo.url, {
    ...fixture<Record<string, string>>('slash_command.decoded.json'),
    command: '/sofo',
    text,
    channel_id: channel,
  });
const slackTips = (channel: string) =>
  slackApi.to('chat.postMessage').filter((c) => c.body.channel === channel);
const teamsPosts = (conversation: string) =>
  connector.calls.filter((c) => c.method === 'POST' && route(c).conversation === conversation);

describe('weekly tips, end to end', () => {
  it('Slack: /sofo tips på subscribes the channel, and the next slot posts one tip there', async () => {
    const res = await slackCommand('C0TIPSWEEK', 'tips på');
    expect(((await res.json()) as { text: string }).text).toMatch(/veckans tips/);
    await sofo.tips.reconcile();
    expect(slackTips('C0TIPSWEEK')).toHaveLength(0); // nothing is owed for the slot before subscribing

    now = new Date('2026-11-30T08:00:30Z'); // Monday 09:00:30 in Stockholm
    await sofo.tips.reconcile();
    await sofo.tips.reconcile();
    const tips = slackTips('C0TIPSWEEK');
    expect(tips).toHaveLength(1);
    expect(JSON.stringify(tips[0]?.body.blocks)).toMatch(/Veckans tips[\s\S]*Läs mer/);
    expect(tips[0]?.body.metadata).toMatchObject({ event_type: 'sofo_tip' });
  });

  it('Teams: "tips på" in a channel thread subscribes the channel, and the tip goes to the channel', async () => {
    now = new Date('2026-12-01T10:00:00Z');
    const channel = '19:tipschannel@thread.tacv2';
    const message = activity('message_channel_mention.json', connectorUrl, {
      text: '<at>Chat SDK Demo</at> tips på',
      conversation: { id: `${channel};messageid=1770000000001` },
    });
    expect((await post(sofo.url, message)).status).toBe(200);
    expect(JSON.stringify(teamsPosts(`${channel};messageid=1770000000001`).map((c) => c.body))).toMatch(
      /veckans tips/,
    );

    now = new Date('2026-12-07T08:01:00Z');
    await sofo.tips.reconcile();
    await sofo.tips.reconcile();
    const posts = teamsPosts(channel);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.body)).toMatch(
      /application\/vnd\.microsoft\.card\.adaptive[\s\S]*Läs mer/,
    );
  });

  it('Teams: a channel Sofo was removed from ends its subscription (403)', async () => {
    const channel = '19:removed@thread.tacv2';
    await post(
      sofo.url,
      activity('message_channel_mention.json', connectorUrl, {
        text: '<at>Chat SDK Demo</at> tips på',
        conversation: { id: channel },
      }),
    );
    expect((await store.listSubscriptions()).some((s) => s.id === `teams:${channel}`)).toBe(true);
    now = new Date('2026-12-14T08:01:00Z');
    await sofo.tips.reconcile();
    expect((await store.listSubscriptions()).some((s) => s.id === `teams:${channel}`)).toBe(false);
    expect(log.join('\n')).toMatch(/teams:19:removed@thread\.tacv2: Teams: HTTP 403; subscription ended/);
  });

  it('Slack: /sofo tips av stops the tips', async () => {
    await slackCommand('C0TIPSWEEK', 'tips av');
    now = new Date('2026-12-21T08:01:00Z');
    await sofo.tips.reconcile();
    expect(slackTips('C0TIPSWEEK')).toHaveLength(3); // Nov 30, Dec 7, Dec 14; none on Dec 21
  });
});

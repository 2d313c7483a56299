import { SlackTipSender } from '../src/channels/slack/tips';
import type { Subscription } from '../src/tips/model';
import type { HttpDouble } from '../src/tools/doubles/http-double';
import { RATE_LIMITED_CHANNEL, slackApiDouble } from '../src/tools/doubles/slack';
import { realEngine } from './helpers/engine';

let api: HttpDouble;
let sender: SlackTipSender;
beforeAll(async () => {
  api = slackApiDouble();
  sender = new SlackTipSender('xoxb-test', `${await api.start()}/api/`);
});
afterAll(() => api.stop());

const engine = realEngine();
const tip = engine.kb.tips[0];
const sub = (target: string): Subscription => ({
  id: `slack:T1:${target}`,
  platform: 'slack',
  target,
  lang: 'sv',
  offset: 0,
  cursor: 0,
  since: '2026-01-01T00:00:00.000Z',
  source: 'command',
});

describe('the Slack tip sender, against the Web API double', () => {
  it('posts the tip with a "Läs mer" button and its delivery key as metadata, findable afterwards', async () => {
    if (!tip) throw new Error('no tips');
    const outcome = await sender.send(sub('C0TIPS'), engine.tipMessage(tip, 'sv'), 'key-1');
    expect(outcome).toEqual({ ok: true });
    const post = await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.channel === 'C0TIPS');
    expect(post.body.metadata).toEqual({ event_type: 'sofo_tip', event_payload: { key: 'key-1' } });
    expect(JSON.stringify(post.body.blocks)).toContain(`"id\\":\\"${tip.entryId}\\"`);
    expect(JSON.stringify(post.body.blocks)).toContain('Läs mer');
    expect(await sender.wasSent(sub('C0TIPS'), 'key-1', new Date())).toBe(true);
    expect(await sender.wasSent(sub('C0TIPS'), 'key-2', new Date())).toBe(false);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])(
    'reads %s as the end of the subscription',
    async (error) => {
      if (!tip) throw new Error('no tips');
      expect(await sender.send(sub(`C_${error}`), engine.tipMessage(tip, 'sv'), 'k')).toEqual({
        ok: false,
        kind: 'gone',
        detail: `Slack: ${error}`,
      });
    },
  );

  it('reads 429 as rate limited, with the Retry-After', async () => {
    if (!tip) throw new Error('no tips');
    expect(await sender.send(sub(RATE_LIMITED_CHANNEL), engine.tipMessage(tip, 'sv'), 'k')).toMatchObject({
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: 7000,
    });
  });

  it('reads other errors as worth retrying', async () => {
    if (!tip) throw new Error('no tips');
    expect(await sender.send(sub('C_internal_error'), engine.tipMessage(tip, 'en'), 'k')).toMatchObject({
      ok: false,
      kind: 'transient',
    });
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlackTipSender } from '../src/channels/slack/tips';
import { LowdbStore } from '../src/storage/lowdb-store';
import type { Store } from '../src/storage/store';
import type { Subscription } from '../src/tips/model';
import { TipRunner } from '../src/tips/runner';
import type { HttpDouble } from '../src/tools/doubles/http-double';
import { RATE_LIMITED_CHANNEL, slackApiDouble } from '../src/tools/doubles/slack';
import { fixtureEngine } from './helpers/engine';

let api: HttpDouble;
let sender: SlackTipSender;
beforeAll(async () => {
  api = slackApiDouble();
  sender = new SlackTipSender('xoxb-test', `${await api.start()}/api/`);
});
afterAll(() => api.stop());

const engine = fixtureEngine();
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

describe('a restart in the middle of a slot, against the Slack double and the data file', () => {
  const SLOT = '2026-11-30T08:00:00.000Z';

  async function setup(channel: string) {
    const file = join(mkdtempSync(join(tmpdir(), 'sofo-restart-')), 'sofo.json');
    const store = await LowdbStore.open(file);
    await store.subscribe(
      {
        id: `slack:${channel}`,
        platform: 'slack',
        target: channel,
        lang: 'sv',
        since: '2026-01-01T00:00:00.000Z',
        source: 'command',
      },
      engine.kb.tips.length,
    );
    return store;
  }

  function runner(store: Store, now: Date) {
    return new TipRunner({
      store,
      senders: [sender],
      tips: engine.kb.tips,
      message: (tip, lang) => engine.tipMessage(tip, lang),
      now: () => now,
      sleep: async () => undefined,
      log: () => undefined,
    });
  }

  const posts = (channel: string) => api.to('chat.postMessage').filter((c) => c.body.channel === channel);

  it('posted but not recorded: the restarted run finds the post in the channel history and does not post again', async () => {
    const store = await setup('C0RESTART1');
    const crashing = Object.assign(Object.create(store), {
      complete: () => Promise.reject(new Error('killed')),
    });
    await expect(runner(crashing, new Date('2026-11-30T08:00:05Z')).runSlot(SLOT)).rejects.toThrow('killed');
    expect(posts('C0RESTART1')).toHaveLength(1);
    await runner(store, new Date('2026-11-30T08:30:00Z')).runSlot(SLOT);
    expect(posts('C0RESTART1')).toHaveLength(1);
    expect((await store.getDelivery('slack:C0RESTART1', SLOT))?.state).toBe('sent');
  });

  it('recorded but not posted: the restarted run posts it once', async () => {
    const store = await setup('C0RESTART2');
    const tipId = engine.kb.tips[0]?.id ?? '';
    await store.claim(
      'slack:C0RESTART2',
      SLOT,
      tipId,
      'dead-runner',
      new Date('2026-11-30T08:00:05Z'),
      60_000,
    );
    await store.markAttempt('slack:C0RESTART2', SLOT, new Date('2026-11-30T08:00:05Z')); // died while posting
    await runner(store, new Date('2026-11-30T08:30:00Z')).runSlot(SLOT);
    await runner(store, new Date('2026-11-30T08:31:00Z')).runSlot(SLOT);
    expect(posts('C0RESTART2')).toHaveLength(1);
    expect(JSON.stringify(posts('C0RESTART2')[0]?.body.metadata)).toContain(
      'sofo-tip:slack:C0RESTART2:2026-11-30T08:00:00.000Z',
    );
  });
});

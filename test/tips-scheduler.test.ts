import type { Tip } from '../src/core/knowledge/model';
import { MemoryTipStore } from '../src/tips/memory-tip-store';
import type { SendOutcome, Subscription, TipSender } from '../src/tips/model';
import { TipRunner } from '../src/tips/runner';
import { TipScheduler } from '../src/tips/scheduler';
import { TipSchedule } from '../src/tips/slots';

const TIPS: Tip[] = [1, 2, 3].map((i) => ({
  id: `tip-${i}`,
  entryId: 'concept-work-integration',
  text: { sv: `t${i}`, en: `t${i}` },
}));

function setup(now: string) {
  const store = new MemoryTipStore();
  const posts: { subscription: string; key: string }[] = [];
  const sender: TipSender = {
    platform: 'slack',
    send: async (s: Subscription, _m, key): Promise<SendOutcome> => {
      posts.push({ subscription: s.id, key });
      return { ok: true };
    },
    wasSent: async (_s, key) => posts.some((p) => p.key === key),
  };
  const clock = { now: new Date(now) };
  const runner = new TipRunner({
    store,
    senders: [sender],
    tips: TIPS,
    message: (tip, lang) => ({
      tipId: tip.id,
      lang,
      title: 'Tips',
      text: tip.text[lang],
      readMore: { id: tip.entryId, title: 'x' },
    }),
    now: () => clock.now,
    sleep: async () => undefined,
    log: () => undefined,
  });
  const scheduler = new TipScheduler({
    schedule: new TipSchedule('0 9 * * 1', 'Europe/Stockholm'),
    runner,
    now: () => clock.now,
    log: () => undefined,
  });
  return { store, posts, clock, scheduler };
}

/** One Slack channel, subscribed well before the slots the tests look at. */
function subscribeChannel(store: MemoryTipStore) {
  return store.subscribe(
    {
      id: 'slack:T:C',
      platform: 'slack',
      target: 'C',
      lang: 'sv',
      since: '2026-11-01T00:00:00Z',
      source: 'command',
    },
    TIPS.length,
  );
}

describe('TipScheduler', () => {
  it('posts a slot missed while Sofo was down once when it starts, and not again', async () => {
    const { store, posts, scheduler } = setup('2026-12-01T10:00:00Z'); // Tuesday; Monday 09:00 was missed
    await subscribeChannel(store);
    await scheduler.start();
    await scheduler.reconcile();
    scheduler.stop();
    expect(posts).toEqual([
      { subscription: 'slack:T:C', key: 'sofo-tip:slack:T:C:2026-11-30T08:00:00.000Z' },
    ]);
  });

  it('after weeks down, posts only the latest missed slot, not a backlog', async () => {
    const { store, posts, scheduler } = setup('2026-12-16T10:00:00Z');
    await subscribeChannel(store);
    await scheduler.start();
    scheduler.stop();
    expect(posts.map((p) => p.key)).toEqual(['sofo-tip:slack:T:C:2026-12-14T08:00:00.000Z']);
  });

  it('uses the time zone: 09:00 in Stockholm is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    const schedule = new TipSchedule('0 9 * * 1', 'Europe/Stockholm');
    expect(schedule.latest(new Date('2026-12-01T00:00:00Z'))).toBe('2026-11-30T08:00:00.000Z');
    expect(schedule.latest(new Date('2026-06-02T00:00:00Z'))).toBe('2026-06-01T07:00:00.000Z');
  });
});

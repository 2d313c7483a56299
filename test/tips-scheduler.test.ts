import type { Tip } from '../src/core/knowledge/model';
import { MemoryTipStore } from '../src/tips/memory-tip-store';
import type { SendOutcome, Subscription, TipSender } from '../src/tips/model';
import { TipRunner } from '../src/tips/runner';
import { TipScheduler } from '../src/tips/scheduler';
import { leaseFor, TipSchedule } from '../src/tips/slots';

const TIPS: Tip[] = [1, 2, 3].map((i) => ({
  id: `tip-${i}`,
  entryId: 'concept-work-integration',
  text: { sv: `t${i}`, en: `t${i}` },
}));

function setup(now: string, cron = '0 9 * * 1') {
  const store = new MemoryTipStore();
  const posts: { subscription: string; key: string }[] = [];
  const tipsPosted: string[] = [];
  const sender: TipSender = {
    platform: 'slack',
    send: async (s: Subscription, message, key): Promise<SendOutcome> => {
      posts.push({ subscription: s.id, key });
      tipsPosted.push(message.tipId);
      return { ok: true };
    },
    wasSent: async (_s, key) => posts.some((p) => p.key === key),
  };
  const clock = { now: new Date(now) };
  const schedule = new TipSchedule(cron, 'Europe/Stockholm');
  const runner = new TipRunner(
    {
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
    },
    { leaseMs: leaseFor(schedule.periodMs(clock.now)) },
  );
  const scheduler = new TipScheduler({
    schedule,
    runner,
    now: () => clock.now,
    log: () => undefined,
  });
  return { store, posts, tipsPosted, clock, scheduler };
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

  describe('a one-minute schedule, crashed between claim and completion', () => {
    const slot = '2026-12-01T10:00:00.000Z';
    const next = '2026-12-01T10:01:00.000Z';

    it('found posted: the next run finishes it, and the next slot posts the next tip', async () => {
      const { store, posts, tipsPosted, clock, scheduler } = setup(slot, '* * * * *');
      await subscribeChannel(store);
      // The crashed run: claimed, attempted, posted, never completed.
      await store.claim('slack:T:C', slot, 'tip-1', 'crashed', new Date(slot), 30_000);
      await store.markAttempt('slack:T:C', slot, new Date(slot));
      posts.push({ subscription: 'slack:T:C', key: `sofo-tip:slack:T:C:${slot}` });
      tipsPosted.push('tip-1');
      clock.now = new Date(next);
      await scheduler.reconcile();
      expect(await store.getDelivery('slack:T:C', slot)).toMatchObject({ state: 'sent' });
      expect(posts.map((p) => p.key)).toEqual([`sofo-tip:slack:T:C:${slot}`, `sofo-tip:slack:T:C:${next}`]);
      expect(new Set(tipsPosted).size).toBe(2);
    });

    it('never posted: the next run posts it once, then the next slot its own tip', async () => {
      const { store, posts, tipsPosted, clock, scheduler } = setup(slot, '* * * * *');
      await subscribeChannel(store);
      await store.claim('slack:T:C', slot, 'tip-1', 'crashed', new Date(slot), 30_000);
      await store.markAttempt('slack:T:C', slot, new Date(slot));
      clock.now = new Date(next);
      await scheduler.reconcile();
      await scheduler.reconcile();
      expect(posts.map((p) => p.key)).toEqual([`sofo-tip:slack:T:C:${slot}`, `sofo-tip:slack:T:C:${next}`]);
      expect(tipsPosted).toEqual(['tip-1', expect.not.stringMatching(/^tip-1$/)]);
    });

    it('a claim still within its lease is left to its holder, and the later slot waits', async () => {
      const { store, posts, clock, scheduler } = setup(slot, '* * * * *');
      await subscribeChannel(store);
      clock.now = new Date(next);
      await store.claim('slack:T:C', slot, 'tip-1', 'busy', new Date(Date.parse(next) - 5_000), 30_000);
      await scheduler.reconcile();
      expect(posts).toEqual([]);
    });
  });

  it('uses the time zone: 09:00 in Stockholm is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    const schedule = new TipSchedule('0 9 * * 1', 'Europe/Stockholm');
    expect(schedule.latest(new Date('2026-12-01T00:00:00Z'))).toBe('2026-11-30T08:00:00.000Z');
    expect(schedule.latest(new Date('2026-06-02T00:00:00Z'))).toBe('2026-06-01T07:00:00.000Z');
  });
});

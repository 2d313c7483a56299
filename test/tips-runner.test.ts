import type { Tip } from '../src/core/knowledge/model';
import type { Lang } from '../src/core/lang';
import { MemoryTipStore } from '../src/tips/memory-tip-store';
import type { SendOutcome, Subscription, TipMessage, TipSender } from '../src/tips/model';
import { type RunnerDeps, TipRunner } from '../src/tips/runner';

const TIPS: Tip[] = Array.from({ length: 5 }, (_, i) => ({
  id: `tip-${i}`,
  entryId: 'concept-work-integration',
  text: { sv: `tips ${i}`, en: `tip ${i}` },
}));
const SLOT = '2026-11-30T08:00:00.000Z';

/** A platform that records posts by key and answers from a script per subscriber. */
class FakeSender implements TipSender {
  readonly posts: { subscription: string; key: string; tipId: string }[] = [];
  readonly script = new Map<string, SendOutcome[]>();
  canTell = true;

  constructor(readonly platform: Subscription['platform'] = 'slack') {}

  async send(subscription: Subscription, message: TipMessage, key: string): Promise<SendOutcome> {
    const next = this.script.get(subscription.id)?.shift() ?? { ok: true };
    if (next.ok) this.posts.push({ subscription: subscription.id, key, tipId: message.tipId });
    return next;
  }

  async wasSent(_s: Subscription, key: string): Promise<boolean | undefined> {
    return this.canTell ? this.posts.some((p) => p.key === key) : undefined;
  }

  count(subscription: string, slot = SLOT): number {
    return this.posts.filter((p) => p.subscription === subscription && p.key.endsWith(slot)).length;
  }
}

/** A clock the test moves; sleeping only advances it. */
function clock(start = '2026-11-30T08:00:05.000Z') {
  let now = Date.parse(start);
  const slept: number[] = [];
  return {
    now: () => new Date(now),
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    slept,
  };
}

function deps(store: MemoryTipStore, sender: FakeSender, time = clock()): RunnerDeps {
  return {
    store,
    senders: [sender],
    tips: TIPS,
    message: (tip: Tip, lang: Lang) => ({
      tipId: tip.id,
      lang,
      title: 'Veckans tips',
      text: tip.text[lang],
      readMore: { id: tip.entryId, title: 'x' },
    }),
    now: time.now,
    sleep: time.sleep,
    log: () => undefined,
  };
}

async function subscribe(store: MemoryTipStore, id: string, since = '2026-01-01T00:00:00.000Z') {
  return store.subscribe(
    { id, platform: 'slack', target: id, lang: 'sv', since, source: 'command' },
    TIPS.length,
  );
}

describe('rotation', () => {
  it('gives every tip once before any repeats, over more slots than tips', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    await subscribe(store, 'slack:T1:C1');
    const runner = new TipRunner(deps(store, sender));
    for (let week = 0; week < TIPS.length * 2 + 1; week++) {
      await runner.runSlot(new Date(Date.parse(SLOT) + week * 7 * 86_400_000).toISOString());
    }
    const order = sender.posts.map((p) => p.tipId);
    expect(new Set(order.slice(0, TIPS.length)).size).toBe(TIPS.length);
    expect(order.slice(TIPS.length, 2 * TIPS.length)).toEqual(order.slice(0, TIPS.length));
  });

  it('starts new subscribers at tips of their own, not all at the first', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    for (let i = 0; i < 8; i++) await subscribe(store, `slack:T1:C${i}`);
    await new TipRunner(deps(store, sender)).runSlot(SLOT);
    expect(new Set(sender.posts.map((p) => p.tipId)).size).toBeGreaterThan(1);
  });

  it('owes nothing for slots before a subscription began', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    await subscribe(store, 'slack:T1:late', '2026-12-01T00:00:00.000Z');
    await new TipRunner(deps(store, sender)).runSlot(SLOT);
    expect(sender.posts).toHaveLength(0);
  });
});

describe('exactly once per slot', () => {
  it('posts once when run twice, and when two runs overlap', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    for (let i = 0; i < 4; i++) await subscribe(store, `slack:T1:C${i}`);
    const a = new TipRunner(deps(store, sender));
    const b = new TipRunner(deps(store, sender));
    await Promise.all([a.runSlot(SLOT), b.runSlot(SLOT)]);
    await a.runSlot(SLOT);
    for (let i = 0; i < 4; i++) expect(sender.count(`slack:T1:C${i}`)).toBe(1);
  });

  it('after a crash between recording the claim and posting: posts once on restart', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    const time = clock();
    await subscribe(store, 'slack:T1:C1');
    await store.claim('slack:T1:C1', SLOT, 'tip-0', 'crashed-runner', time.now(), 60_000);
    time.advance(11 * 60_000); // the dead runner's claim has expired
    await new TipRunner(deps(store, sender, time)).runSlot(SLOT);
    expect(sender.count('slack:T1:C1')).toBe(1);
    expect((await store.getDelivery('slack:T1:C1', SLOT))?.state).toBe('sent');
  });

  it('after a crash between posting and recording it: does not post again', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    const time = clock();
    await subscribe(store, 'slack:T1:C1');
    // The first run posts, then dies before it can record the post.
    const dying = new TipRunner({
      ...deps(store, sender, time),
      store: Object.assign(Object.create(store), { complete: () => Promise.reject(new Error('killed')) }),
    });
    await expect(dying.runSlot(SLOT)).rejects.toThrow('killed');
    expect(sender.count('slack:T1:C1')).toBe(1);
    time.advance(11 * 60_000);
    await new TipRunner(deps(store, sender, time)).runSlot(SLOT);
    expect(sender.count('slack:T1:C1')).toBe(1);
    expect((await store.getDelivery('slack:T1:C1', SLOT))?.state).toBe('sent');
  });

  it('when the platform cannot tell whether the crashed attempt posted, never posts twice', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender('slack');
    sender.canTell = false;
    const time = clock();
    await subscribe(store, 'slack:T1:C1');
    const dying = new TipRunner({
      ...deps(store, sender, time),
      store: Object.assign(Object.create(store), { complete: () => Promise.reject(new Error('killed')) }),
    });
    await expect(dying.runSlot(SLOT)).rejects.toThrow();
    time.advance(11 * 60_000);
    await new TipRunner(deps(store, sender, time)).runSlot(SLOT);
    expect(sender.count('slack:T1:C1')).toBe(1);
  });

  it('leaves a claim held by a live runner alone', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    const time = clock();
    await subscribe(store, 'slack:T1:C1');
    await store.claim('slack:T1:C1', SLOT, 'tip-0', 'other-runner', time.now(), 60_000);
    const report = await new TipRunner(deps(store, sender, time)).runSlot(SLOT);
    expect(report.skipped).toEqual(['slack:T1:C1']);
    expect(sender.posts).toHaveLength(0);
  });
});

describe('failures', () => {
  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'HTTP 403', 'HTTP 404'])(
    '%s ends that subscription and the others still get their tip',
    async (detail) => {
      const store = new MemoryTipStore();
      const sender = new FakeSender();
      await subscribe(store, 'slack:T1:gone');
      await subscribe(store, 'slack:T1:fine');
      sender.script.set('slack:T1:gone', [{ ok: false, kind: 'gone', detail }]);
      const report = await new TipRunner(deps(store, sender)).runSlot(SLOT);
      expect(report.ended).toEqual(['slack:T1:gone']);
      expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(['slack:T1:fine']);
      expect(sender.count('slack:T1:fine')).toBe(1);
    },
  );

  it('honours Retry-After on 429, then posts once', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    const time = clock();
    await subscribe(store, 'slack:T1:C1');
    sender.script.set('slack:T1:C1', [
      { ok: false, kind: 'rate-limited', retryAfterMs: 30_000, detail: 'HTTP 429' },
    ]);
    await new TipRunner(deps(store, sender, time)).runSlot(SLOT);
    expect(time.slept).toEqual([30_000]);
    expect(sender.count('slack:T1:C1')).toBe(1);
  });

  it('retries other errors with growing back-off, and a later run finishes what is left', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    const time = clock();
    await subscribe(store, 'slack:T1:C1');
    const down = { ok: false, kind: 'transient', detail: 'HTTP 503' } as const;
    sender.script.set('slack:T1:C1', [down, down, down, down]);
    const report = await new TipRunner(deps(store, sender, time), { attempts: 4, backoffMs: 1_000 }).runSlot(
      SLOT,
    );
    expect(time.slept).toEqual([1_000, 2_000, 4_000]);
    expect(report.failed).toEqual(['slack:T1:C1']);
    time.advance(11 * 60_000);
    await new TipRunner(deps(store, sender, time)).runSlot(SLOT);
    expect(sender.count('slack:T1:C1')).toBe(1);
  });

  it('a channel that keeps failing does not hold up the others', async () => {
    const store = new MemoryTipStore();
    const sender = new FakeSender();
    const order: string[] = [];
    await subscribe(store, 'slack:T1:slow');
    await subscribe(store, 'slack:T1:fast');
    sender.script.set('slack:T1:slow', [{ ok: false, kind: 'transient', detail: 'timeout' }]);
    const time = clock();
    const slowSleep = async (ms: number) => {
      order.push('slow waits');
      await new Promise((r) => setTimeout(r, 20));
      await time.sleep(ms);
    };
    const d = deps(store, sender, time);
    const runner = new TipRunner({
      ...d,
      sleep: slowSleep,
      senders: [
        {
          platform: 'slack',
          send: async (s, m, k) => {
            if (s.id === 'slack:T1:fast') order.push('fast sent');
            return sender.send(s, m, k);
          },
          wasSent: sender.wasSent.bind(sender),
        },
      ],
    });
    await runner.runSlot(SLOT);
    expect(order.indexOf('fast sent')).toBeLessThan(order.indexOf('slow waits') + 1);
    expect(sender.count('slack:T1:fast')).toBe(1);
    expect(sender.count('slack:T1:slow')).toBe(1);
  });
});

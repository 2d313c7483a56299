import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../src/storage/lowdb-store';
import { MemoryStore } from '../src/storage/memory-store';
import { PgStore } from '../src/storage/pg/pg-store';
import type { ConversationRecord, FeedbackRecord, Store } from '../src/storage/store';
import { startPostgres, type TestPostgres } from './helpers/postgres';

/**
 * The one Store contract, run against every backend. `open()` gives two handles on one fresh store:
 * for lowdb two stores on one file (a server and a CLI), for PostgreSQL two pools on one database (two
 * instances), for memory the same object twice.
 */
let postgres: TestPostgres;
let dir: string;
const opened: Store[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-contract-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

type Pair = [Store, Store];
const backends: [string, () => Promise<Pair>][] = [
  [
    'memory',
    async () => {
      const store = new MemoryStore();
      return [store, store];
    },
  ],
  [
    'lowdb',
    async () => {
      const file = join(dir, 'sofo.json');
      const pair: Pair = [await LowdbStore.open(file), await LowdbStore.open(file)];
      opened.push(...pair);
      return pair;
    },
  ],
  [
    'postgres',
    async () => {
      const url = await postgres.database();
      const pair: Pair = [await PgStore.open(url), await PgStore.open(url)];
      opened.push(...pair);
      return pair;
    },
  ],
];

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString();
const vote = (fields: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  entryId: 'concept-reserved-contract',
  question: 'vad är en reserverad upphandling?',
  vote: 'up',
  platform: 'slack',
  user: 'pseudonym-a',
  at: at(0),
  ...fields,
});
const conversation = (id: string, when = at(0)): ConversationRecord => ({
  platform: 'teams',
  id,
  reference: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id, tenantId: 't' } },
  at: when,
});
const subscriber = (id: string) => ({
  id,
  platform: 'slack' as const,
  target: id.split(':').pop() ?? id,
  lang: 'sv' as const,
  since: at(0),
  source: 'command' as const,
});

describe.each(backends)('Store contract: %s', (_name, open) => {
  describe('votes', () => {
    it('keeps one vote per reply and person: a replay changes nothing, a second click changes it', async () => {
      const [store] = await open();
      await store.addFeedback(vote());
      await store.addFeedback(vote());
      await store.addFeedback(vote({ vote: 'down', at: at(1) }));
      expect(await store.listFeedback()).toEqual([vote({ vote: 'down', at: at(1) })]);
    });

    it('keeps votes of other people, other questions and other platforms apart, oldest first', async () => {
      const [store] = await open();
      const votes = [
        vote(),
        vote({ user: 'pseudonym-b', at: at(1) }),
        vote({ question: 'en annan fråga', at: at(2) }),
        vote({ platform: 'teams', at: at(3) }),
      ];
      for (const v of votes) await store.addFeedback(v);
      expect(await store.listFeedback()).toEqual(votes);
    });

    it('stores questions scrubbed of e-mail addresses, phone numbers and personnummer, and capped', async () => {
      const [store] = await open();
      await store.addFeedback(
        vote({ question: 'kontakt anna.andersson@example.se 070-123 45 67 19811218-9876' }),
      );
      await store.addFeedback(vote({ question: 'x'.repeat(5_000), user: 'pseudonym-b', at: at(1) }));
      const [scrubbed, long] = await store.listFeedback();
      expect(scrubbed?.question).toBe('kontakt [e-post] [telefon] [personnummer]');
      expect(long?.question.length).toBeLessThanOrEqual(500);
    });

    it('forgets every vote of one person, and only theirs', async () => {
      const [store, other] = await open();
      await store.addFeedback(vote());
      await store.addFeedback(vote({ question: 'en annan fråga', at: at(1) }));
      await store.addFeedback(vote({ user: 'pseudonym-b', at: at(2) }));
      expect(await other.forget('pseudonym-a')).toBe(2);
      expect(await other.forget('pseudonym-a')).toBe(0);
      expect((await store.listFeedback()).map((v) => v.user)).toEqual(['pseudonym-b']);
    });

    it('loses no vote when two handles write at once', async () => {
      const [a, b] = await open();
      await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          (n % 2 ? a : b).addFeedback(vote({ user: `p${n}`, at: at(n % 60) })),
        ),
      );
      expect(await a.listFeedback()).toHaveLength(40);
    });
  });

  describe('processed events', () => {
    it('lets exactly one of many deliveries of an id through, across handles', async () => {
      const [a, b] = await open();
      const now = new Date(at(0));
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, n) => (n % 2 ? a : b).claimEvent('slack:event:Ev1', now)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await a.claimEvent('slack:event:Ev2', now)).toBe(true);
    });

    it('forgets an id after an hour', async () => {
      const [store] = await open();
      expect(await store.claimEvent('teams:a:1', new Date(at(0)))).toBe(true);
      expect(await store.claimEvent('teams:a:1', new Date(at(59)))).toBe(false);
      expect(await store.claimEvent('teams:a:1', new Date(Date.parse(at(0)) + 60 * 60_000))).toBe(true);
    });
  });

  describe('conversations', () => {
    it('saves a conversation once, refreshes it after, and says which save was the first', async () => {
      const [store] = await open();
      expect(await store.saveConversation(conversation('19:a@thread.tacv2'))).toBe(true);
      expect(await store.saveConversation(conversation('19:a@thread.tacv2', at(5)))).toBe(false);
      expect(await store.listConversations()).toEqual([conversation('19:a@thread.tacv2', at(5))]);
    });

    it('has exactly one first save when two arrive at once on two handles', async () => {
      const [a, b] = await open();
      const firsts = await Promise.all([
        a.saveConversation(conversation('a:1')),
        b.saveConversation(conversation('a:1')),
      ]);
      expect(firsts.sort()).toEqual([false, true]);
      expect(await a.listConversations()).toHaveLength(1);
    });

    it('removes only the conversation asked for, and says whether it was there', async () => {
      const [store] = await open();
      await store.saveConversation(conversation('a:1'));
      await store.saveConversation(conversation('a:2', at(1)));
      expect(await store.removeConversation('teams', 'a:1')).toBe(true);
      expect(await store.removeConversation('teams', 'a:1')).toBe(false);
      expect(await store.removeConversation('slack', 'a:2')).toBe(false);
      expect((await store.listConversations()).map((c) => c.id)).toEqual(['a:2']);
    });

    it('hands out copies: changing a listed record changes nothing stored', async () => {
      const [store] = await open();
      await store.saveConversation(conversation('a:1'));
      const [listed] = await store.listConversations();
      if (listed) listed.id = 'changed';
      expect((await store.listConversations())[0]?.id).toBe('a:1');
    });
  });

  describe('tips', () => {
    const slot = '2026-11-30T08:00:00.000Z';
    const now = new Date(slot);

    it('subscribes once (idempotent), lists in order, unsubscribes', async () => {
      const [store] = await open();
      const first = await store.subscribe(subscriber('slack:T:C1'), 5);
      expect(await store.subscribe({ ...subscriber('slack:T:C1'), lang: 'en' }, 5)).toEqual(first);
      await store.subscribe(subscriber('slack:T:C2'), 5);
      expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(['slack:T:C1', 'slack:T:C2']);
      expect(first).toMatchObject({ cursor: 0, lang: 'sv' });
      expect(await store.unsubscribe('slack:T:C1')).toBe(true);
      expect(await store.unsubscribe('slack:T:C1')).toBe(false);
    });

    it('keeps who subscribed and whether the subscription waits for Sofo, on the other handle too', async () => {
      const [a, b] = await open();
      await a.subscribe({ ...subscriber('slack:C1'), subscriber: 'U0SUBSCR01', pending: true }, 5);
      await a.subscribe(subscriber('slack:C2'), 5);
      const [waiting, plain] = await b.listSubscriptions();
      expect(waiting).toMatchObject({ id: 'slack:C1', subscriber: 'U0SUBSCR01', pending: true });
      expect(plain?.subscriber).toBeUndefined();
      expect(plain?.pending).toBeUndefined();
    });

    it("forgets a subscriber's platform id on request, keeping the subscription", async () => {
      const [a, b] = await open();
      await a.subscribe({ ...subscriber('slack:C1'), subscriber: 'U0SUBSCR01' }, 5);
      await a.subscribe({ ...subscriber('slack:C2'), subscriber: 'U0OTHER001' }, 5);
      expect(await b.forgetSubscriber('teams', 'U0SUBSCR01')).toBe(0);
      expect(await b.forgetSubscriber('slack', 'U0SUBSCR01')).toBe(1);
      const [forgotten, other] = await a.listSubscriptions();
      expect(forgotten?.id).toBe('slack:C1');
      expect(forgotten?.subscriber).toBeUndefined();
      expect(other?.subscriber).toBe('U0OTHER001');
    });

    it('gives one claim per subscriber and slot to one of many runners at once', async () => {
      const [a, b] = await open();
      await a.subscribe(subscriber('slack:T:C'), 5);
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          (n % 2 ? a : b).claim('slack:T:C', slot, 'tip-1', `r${n}`, now, 60_000),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(claims.find(Boolean)).toMatchObject({ state: 'claimed', tipId: 'tip-1', claimedAt: slot });
    });

    it('lets a claim be taken over only after its lease, keeping its tip and attempt', async () => {
      const [store] = await open();
      await store.claim('slack:T:C', slot, 'tip-1', 'crashed', now, 60_000);
      await store.markAttempt('slack:T:C', slot, now);
      expect(
        await store.claim('slack:T:C', slot, 'tip-2', 'me', new Date(now.getTime() + 59_000), 60_000),
      ).toBeUndefined();
      const later = new Date(now.getTime() + 60_000);
      const taken = await store.claim('slack:T:C', slot, 'tip-2', 'me', later, 60_000);
      expect(taken).toMatchObject({ tipId: 'tip-1', claimant: 'me', attemptedAt: slot, state: 'claimed' });
      await store.markAttempt('slack:T:C', slot, undefined);
      expect((await store.getDelivery('slack:T:C', slot))?.attemptedAt).toBeUndefined();
    });

    it('completes a delivery once: the rotation moves on once, a finished one is never claimed again', async () => {
      const [a, b] = await open();
      await a.subscribe(subscriber('slack:T:C'), 5);
      await a.claim('slack:T:C', slot, 'tip-1', 'r', now, 60_000);
      await Promise.all([
        a.complete('slack:T:C', slot, 'sent', now),
        b.complete('slack:T:C', slot, 'sent', now),
      ]);
      expect((await b.listSubscriptions())[0]?.cursor).toBe(1);
      expect(await b.getDelivery('slack:T:C', slot)).toMatchObject({ state: 'sent', completedAt: slot });
      expect(
        await b.claim('slack:T:C', slot, 'tip-1', 'r2', new Date(now.getTime() + 3_600_000), 60_000),
      ).toBeUndefined();
      await a.claim('slack:T:C', '2026-12-07T08:00:00.000Z', 'tip-2', 'r', now, 60_000);
      await a.complete('slack:T:C', '2026-12-07T08:00:00.000Z', 'failed', now);
      expect((await b.listSubscriptions())[0]?.cursor).toBe(1);
      expect(await a.listDeliveries()).toHaveLength(2);
    });
  });

  describe('retention and access', () => {
    it('purges votes and finished deliveries before the cut-off, and event ids after an hour', async () => {
      const [store] = await open();
      await store.addFeedback(vote({ at: '2026-08-01T00:00:00.000Z' }));
      await store.addFeedback(vote({ user: 'recent', at: '2026-11-29T00:00:00.000Z' }));
      await store.claim('s', '2026-08-03T08:00:00.000Z', 'tip-1', 'r', new Date('2026-08-03T08:00:00Z'), 1);
      await store.complete('s', '2026-08-03T08:00:00.000Z', 'sent', new Date('2026-08-03T08:00:00Z'));
      await store.claim('s', '2026-08-10T08:00:00.000Z', 'tip-2', 'r', new Date('2026-08-10T08:00:00Z'), 1);
      await store.claimEvent('old', new Date('2026-11-30T06:45:00Z'));
      await store.claimEvent('new', new Date('2026-11-30T07:30:00Z'));
      const report = await store.purge(new Date('2026-09-01T00:00:00Z'), new Date('2026-11-30T08:00:00Z'));
      expect(report).toEqual({ votes: 1, inbox: 0, deliveries: 1, events: 1 });
      expect((await store.listFeedback()).map((v) => v.user)).toEqual(['recent']);
      // A claim still open is not finished: it stays for the runner to complete.
      expect((await store.listDeliveries()).map((d) => d.tipId)).toEqual(['tip-2']);
      expect(await store.claimEvent('new', new Date('2026-11-30T08:00:00Z'))).toBe(false);
    });

    it('exports everything it holds', async () => {
      const [store] = await open();
      await store.addFeedback(vote());
      await store.saveConversation(conversation('a:1'));
      await store.subscribe(subscriber('slack:T:C'), 5);
      await store.claimEvent('e', new Date(at(0)));
      const exported = await store.exportAll();
      expect(exported).toMatchObject({
        votes: [vote()],
        conversations: [conversation('a:1')],
        subscriptions: [{ id: 'slack:T:C' }],
        deliveries: [],
        events: 1,
      });
    });
  });
});

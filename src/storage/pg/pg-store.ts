import pg from 'pg';
import { redactUrl } from '../../config/storage';
import type { Delivery, Subscription } from '../../tips/model';
import { startingOffset } from '../../tips/rotation';
import { type Counter, counterKey } from '../counters';
import { StoreError } from '../errors';
import { type InboxItem, MAX_INBOX_ITEMS } from '../inbox';
import {
  type ConversationRecord,
  EVENT_RETENTION_MS,
  type FeedbackRecord,
  type Platform,
  type PurgeReport,
  type Store,
  type StoreExport,
} from '../store';
import { replyKey, storedVote } from '../votes';
import { MIGRATIONS } from './migrations';

/** Any query that takes longer has met a database in trouble: fail it, don't hold the request. */
const QUERY_TIMEOUT_MS = 5_000;

/**
 * The shared store: PostgreSQL through `pg`, plain SQL. Every rule of the contract is one statement
 * whose uniqueness the database enforces (primary keys, `INSERT … ON CONFLICT`), so any number of
 * instances can use one database: a tip claim, an event claim, a first save of a conversation is won
 * by exactly one of them.
 */
export class PgStore implements Store {
  private constructor(
    private readonly pool: pg.Pool,
    readonly label: string,
  ) {}

  /**
   * Connects and brings the schema up to date. Refuses (naming SOFO_DATABASE_URL, password hidden) a
   * database it cannot reach, and one whose schema a newer Sofo wrote.
   */
  static async open(url: string, log: (line: string) => void = () => undefined): Promise<PgStore> {
    const label = `SOFO_DATABASE_URL (${redactUrl(url)})`;
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection that breaks (the database restarts) must not take the process down.
    pool.on('error', (error) => log(`store: database connection lost (${error.message})`));
    const store = new PgStore(pool, label);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof StoreError) throw error;
      throw new StoreError(label, `cannot be used: ${describe(error)}`);
    }
    return store;
  }

  /** Runs the steps not yet applied, one instance at a time (an advisory lock), each in a transaction. */
  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('sofo-schema'))");
      await client.query(
        'CREATE TABLE IF NOT EXISTS sofo_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM sofo_schema',
      );
      const current = rows[0]?.version ?? 0;
      if (current > MIGRATIONS.length) {
        throw new StoreError(
          this.label,
          `has schema version ${current}, written by a newer Sofo (this one knows up to ${MIGRATIONS.length}). Upgrade Sofo; nothing was changed.`,
        );
      }
      for (let version = current + 1; version <= MIGRATIONS.length; version++) {
        await client.query(MIGRATIONS[version - 1] as string);
        await client.query('INSERT INTO sofo_schema (version) VALUES ($1)', [version]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async addFeedback(record: FeedbackRecord): Promise<boolean> {
    const vote = storedVote(record);
    const { rows } = await this.query<{ inserted: boolean }>(
      `INSERT INTO votes (reply, user_key, entry_id, question, vote, platform, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (reply, user_key) DO UPDATE SET vote = EXCLUDED.vote, at = EXCLUDED.at
       RETURNING (xmax = 0) AS inserted`,
      [replyKey(vote), vote.user, vote.entryId, vote.question, vote.vote, vote.platform, vote.at],
    );
    return rows[0]?.inserted === true;
  }

  async listFeedback(): Promise<FeedbackRecord[]> {
    const { rows } = await this.query<{
      entry_id: string;
      question: string;
      vote: FeedbackRecord['vote'];
      platform: Platform;
      user_key: string;
      at: Date;
    }>('SELECT entry_id, question, vote, platform, user_key, at FROM votes ORDER BY at, reply, user_key');
    return rows.map((r) => ({
      entryId: r.entry_id,
      question: r.question,
      vote: r.vote,
      platform: r.platform,
      user: r.user_key,
      at: r.at.toISOString(),
    }));
  }

  async saveConversation(record: ConversationRecord): Promise<boolean> {
    const { rows } = await this.query<{ inserted: boolean }>(
      `INSERT INTO conversations (platform, id, reference, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, id) DO UPDATE SET reference = EXCLUDED.reference, at = EXCLUDED.at
       RETURNING (xmax = 0) AS inserted`,
      [record.platform, record.id, JSON.stringify(record.reference), record.at],
    );
    return rows[0]?.inserted === true;
  }

  async removeConversation(platform: Platform, id: string): Promise<boolean> {
    const { rowCount } = await this.query('DELETE FROM conversations WHERE platform = $1 AND id = $2', [
      platform,
      id,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    const { rows } = await this.query<{
      platform: Platform;
      id: string;
      reference: Record<string, unknown>;
      at: Date;
    }>('SELECT platform, id, reference, at FROM conversations ORDER BY at, platform, id');
    return rows.map((r) => ({
      platform: r.platform,
      id: r.id,
      reference: r.reference,
      at: r.at.toISOString(),
    }));
  }

  async claimEvent(id: string, now: Date): Promise<boolean> {
    // Inserted: the first delivery. Conflict: a repeat, unless the earlier claim has expired.
    const { rowCount } = await this.query(
      `INSERT INTO processed_events (id, at) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at
       WHERE processed_events.at <= $2::timestamptz - $3 * interval '1 millisecond'`,
      [id, now.toISOString(), EVENT_RETENTION_MS],
    );
    return (rowCount ?? 0) > 0;
  }

  async purge(before: Date, now: Date): Promise<PurgeReport> {
    const votes = await this.query('DELETE FROM votes WHERE at < $1', [before.toISOString()]);
    const deliveries = await this.query("DELETE FROM deliveries WHERE state <> 'claimed' AND slot < $1", [
      before.toISOString(),
    ]);
    const events = await this.query(
      "DELETE FROM processed_events WHERE at <= $1::timestamptz - $2 * interval '1 millisecond'",
      [now.toISOString(), EVENT_RETENTION_MS],
    );
    const inbox = await this.query('DELETE FROM inbox WHERE at < $1', [before.toISOString()]);
    return {
      votes: votes.rowCount ?? 0,
      inbox: inbox.rowCount ?? 0,
      deliveries: deliveries.rowCount ?? 0,
      events: events.rowCount ?? 0,
    };
  }

  async forget(user: string): Promise<number> {
    return (await this.query('DELETE FROM votes WHERE user_key = $1', [user])).rowCount ?? 0;
  }

  async exportAll(): Promise<StoreExport> {
    const { rows } = await this.query<{ count: string }>('SELECT count(*) AS count FROM processed_events');
    return {
      votes: await this.listFeedback(),
      inbox: await this.listInbox(),
      ignoredKeys: await this.listIgnoredKeys(),
      counters: await this.listCounts(),
      conversations: await this.listConversations(),
      subscriptions: await this.listSubscriptions(),
      deliveries: await this.listDeliveries(),
      events: Number(rows[0]?.count ?? 0),
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async addInboxItems(items: readonly InboxItem[]): Promise<number> {
    if (items.length === 0) return 0;
    // One statement for the batch; an ignored key keeps its questions out.
    const { rowCount } = await this.query(
      `INSERT INTO inbox (id, text, lang, outcome, candidates, channel, at, key)
       SELECT x.id, x.text, x.lang, x.outcome, x.candidates, x.channel, x.at, x.key
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, text text, lang text, outcome text,
         candidates jsonb, channel text, at text, key text)
       WHERE NOT EXISTS (SELECT 1 FROM inbox_ignored i WHERE i.key = x.key)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(items)],
    );
    await this.query(
      'DELETE FROM inbox WHERE seq <= (SELECT seq FROM inbox ORDER BY seq DESC OFFSET $1 LIMIT 1)',
      [MAX_INBOX_ITEMS],
    );
    return rowCount ?? 0;
  }

  async listInbox(): Promise<InboxItem[]> {
    const { rows } = await this.query<InboxItem>(
      'SELECT id, text, lang, outcome, candidates, channel, at, key FROM inbox ORDER BY seq',
    );
    return rows.map((r) => ({ ...r }));
  }

  async removeInboxItems(ids: readonly string[]): Promise<number> {
    return (await this.query('DELETE FROM inbox WHERE id = ANY($1)', [[...ids]])).rowCount ?? 0;
  }

  async ignoreInboxKeys(keys: readonly string[]): Promise<void> {
    await this.query(
      'INSERT INTO inbox_ignored (key) SELECT unnest($1::text[]) ON CONFLICT (key) DO NOTHING',
      [[...keys]],
    );
    await this.query('DELETE FROM inbox WHERE key = ANY($1)', [[...keys]]);
  }

  async listIgnoredKeys(): Promise<string[]> {
    const { rows } = await this.query<{ key: string }>('SELECT key FROM inbox_ignored ORDER BY seq');
    return rows.map((r) => r.key);
  }

  async addCounts(counts: readonly Counter[]): Promise<void> {
    // Summed here first: one row may be changed only once by one INSERT … ON CONFLICT.
    const merged = new Map<string, Counter>();
    for (const c of counts) {
      const key = counterKey(c);
      const existing = merged.get(key);
      if (existing) existing.count += c.count;
      else merged.set(key, { ...c });
    }
    if (merged.size === 0) return;
    await this.query(
      `INSERT INTO counters (week, event, entry_id, lang, channel, count)
       SELECT x.week, x.event, x."entryId", x.lang, x.channel, x.count
       FROM jsonb_to_recordset($1::jsonb) AS x(week text, event text, "entryId" text, lang text,
         channel text, count bigint)
       ON CONFLICT (week, event, entry_id, lang, channel)
       DO UPDATE SET count = counters.count + EXCLUDED.count`,
      [JSON.stringify([...merged.values()])],
    );
  }

  async listCounts(): Promise<Counter[]> {
    const { rows } = await this.query<{
      week: string;
      event: Counter['event'];
      entry_id: string;
      lang: Counter['lang'];
      channel: Counter['channel'];
      count: string;
    }>('SELECT week, event, entry_id, lang, channel, count FROM counters ORDER BY seq');
    return rows.map((r) => ({
      week: r.week,
      event: r.event,
      entryId: r.entry_id,
      lang: r.lang,
      channel: r.channel,
      count: Number(r.count),
    }));
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const { rows } = await this.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION} FROM subscriptions ORDER BY created`,
    );
    return rows.map(toSubscription);
  }

  async subscribe(input: Omit<Subscription, 'offset' | 'cursor'>, tipCount: number): Promise<Subscription> {
    await this.query(
      `INSERT INTO subscriptions (id, platform, target, lang, start_offset, cursor, since, source, subscriber, pending)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [
        input.id,
        input.platform,
        input.target,
        input.lang,
        startingOffset(input.id, tipCount),
        input.since,
        input.source,
        input.subscriber ?? null,
        input.pending === true,
      ],
    );
    const { rows } = await this.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION} FROM subscriptions WHERE id = $1`,
      [input.id],
    );
    const row = rows[0];
    if (!row) throw new StoreError(this.label, `subscription ${input.id} vanished while it was made`);
    return toSubscription(row);
  }

  async unsubscribe(id: string): Promise<boolean> {
    return ((await this.query('DELETE FROM subscriptions WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async forgetSubscriber(platform: Subscription['platform'], userId: string): Promise<number> {
    const result = await this.query(
      'UPDATE subscriptions SET subscriber = NULL WHERE platform = $1 AND subscriber = $2',
      [platform, userId],
    );
    return result.rowCount ?? 0;
  }

  async getDelivery(subscriptionId: string, slot: string): Promise<Delivery | undefined> {
    const { rows } = await this.query<DeliveryRow>(
      `SELECT ${DELIVERY} FROM deliveries WHERE subscription_id = $1 AND slot = $2`,
      [subscriptionId, slot],
    );
    return rows[0] && toDelivery(rows[0]);
  }

  async listDeliveries(): Promise<Delivery[]> {
    const { rows } = await this.query<DeliveryRow>(
      `SELECT ${DELIVERY} FROM deliveries ORDER BY claimed_at, subscription_id, slot`,
    );
    return rows.map(toDelivery);
  }

  async claim(
    subscriptionId: string,
    slot: string,
    tipId: string,
    claimant: string,
    now: Date,
    leaseMs: number,
  ): Promise<Delivery | undefined> {
    // New: inserted. Taken over: a claim still open after its lease keeps its tip and attempt mark.
    const { rows } = await this.query<DeliveryRow>(
      `INSERT INTO deliveries (subscription_id, slot, tip_id, state, claimant, claimed_at)
       VALUES ($1, $2, $3, 'claimed', $4, $5)
       ON CONFLICT (subscription_id, slot) DO UPDATE
         SET claimant = EXCLUDED.claimant, claimed_at = EXCLUDED.claimed_at
         WHERE deliveries.state = 'claimed'
           AND deliveries.claimed_at <= $5::timestamptz - $6 * interval '1 millisecond'
       RETURNING ${DELIVERY}`,
      [subscriptionId, slot, tipId, claimant, now.toISOString(), leaseMs],
    );
    return rows[0] && toDelivery(rows[0]);
  }

  async markAttempt(subscriptionId: string, slot: string, at: Date | undefined): Promise<void> {
    await this.query('UPDATE deliveries SET attempted_at = $3 WHERE subscription_id = $1 AND slot = $2', [
      subscriptionId,
      slot,
      at?.toISOString() ?? null,
    ]);
  }

  async complete(subscriptionId: string, slot: string, state: 'sent' | 'failed', now: Date): Promise<void> {
    // One statement: the delivery is finished and (when sent) the rotation moves on, or neither.
    await this.query(
      `WITH done AS (
         UPDATE deliveries SET state = $3, completed_at = $4
         WHERE subscription_id = $1 AND slot = $2 AND state = 'claimed'
         RETURNING subscription_id
       )
       UPDATE subscriptions SET cursor = cursor + 1
       WHERE $3 = 'sent' AND id IN (SELECT subscription_id FROM done)`,
      [subscriptionId, slot, state, now.toISOString()],
    );
  }

  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw new StoreError(this.label, describe(error));
    }
  }
}

const SUBSCRIPTION = 'id, platform, target, lang, start_offset, cursor, since, source, subscriber, pending';
interface SubscriptionRow {
  id: string;
  platform: Subscription['platform'];
  target: string;
  lang: Subscription['lang'];
  start_offset: number;
  cursor: number;
  since: string;
  source: Subscription['source'];
  subscriber: string | null;
  pending: boolean;
}
function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    platform: r.platform,
    target: r.target,
    lang: r.lang,
    offset: r.start_offset,
    cursor: r.cursor,
    since: r.since,
    source: r.source,
    ...(r.subscriber ? { subscriber: r.subscriber } : {}),
    ...(r.pending ? { pending: true as const } : {}),
  };
}

const DELIVERY = 'subscription_id, slot, tip_id, state, claimant, claimed_at, attempted_at, completed_at';
interface DeliveryRow {
  subscription_id: string;
  slot: string;
  tip_id: string;
  state: Delivery['state'];
  claimant: string;
  claimed_at: Date;
  attempted_at: Date | null;
  completed_at: Date | null;
}
function toDelivery(r: DeliveryRow): Delivery {
  return {
    subscriptionId: r.subscription_id,
    slot: r.slot,
    tipId: r.tip_id,
    state: r.state,
    claimant: r.claimant,
    claimedAt: r.claimed_at.toISOString(),
    ...(r.attempted_at ? { attemptedAt: r.attempted_at.toISOString() } : {}),
    ...(r.completed_at ? { completedAt: r.completed_at.toISOString() } : {}),
  };
}

/** pg's errors, in words: a refused connection has no message of its own, only a code. */
function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] };
  const inner = e.errors
    ?.map((x) => x.message)
    .filter(Boolean)
    .join('; ');
  return [e.code, e.message || inner].filter(Boolean).join(': ') || String(error);
}

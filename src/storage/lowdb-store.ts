import { chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Adapter, Low } from 'lowdb';
import type { Delivery, Subscription } from '../tips/model';
import * as tipRules from '../tips/tip-data';
import { addCountsTo, type Counter } from './counters';
import { StoreError } from './errors';
import { acquire } from './file-lock';
import type { InboxItem } from './inbox';
import * as inboxRules from './inbox';
import { PRIVATE_MODE, writeAtomic } from './private-file';
import {
  type ConversationRecord,
  EVENT_RETENTION_MS,
  type FeedbackRecord,
  type Platform,
  type PurgeReport,
  type Store,
  type StoreExport,
} from './store';
import { VoteLog } from './vote-log';
import { storedVote } from './votes';

/** The document's layout; version 1 also held the votes and the pseudonym salt. */
const VERSION = 2;

interface Data {
  version: number;
  conversations: ConversationRecord[];
  subscriptions: Subscription[];
  deliveries: Delivery[];
  /** Processed event ids and when (epoch ms); kept EVENT_RETENTION_MS, pruned on every claim. */
  events: Record<string, number>;
  /** The editors' inbox (written in batches by the recorder, capped) and the dashboard's counters. */
  inbox: InboxItem[];
  ignoredKeys: string[];
  counters: Counter[];
}

const LIST_FIELDS = [
  'conversations',
  'subscriptions',
  'deliveries',
  'inbox',
  'ignoredKeys',
  'counters',
] as const;

/** The votes' log beside the document: data/sofo.json → data/sofo.votes.jsonl. */
export function voteLogFile(file: string): string {
  return join(dirname(file), `${basename(file).replace(/\.json$/i, '')}.votes.jsonl`);
}

/**
 * lowdb's adapter for the document: written atomically with mode 0600 (lowdb's own JSONFile writes
 * through a temporary file created with the default mode, which would leave the file world-readable),
 * and read only when it changed since the last read.
 */
class DocumentFile implements Adapter<Data> {
  private seen?: { mtimeMs: number; size: number; ino: number; data: Data };

  constructor(private readonly file: string) {}

  async read(): Promise<Data | null> {
    if (!existsSync(this.file)) return null;
    const { mtimeMs, size, ino } = statSync(this.file);
    const seen = this.seen;
    if (seen && seen.mtimeMs === mtimeMs && seen.size === size && seen.ino === ino)
      return structuredClone(seen.data);
    const data = JSON.parse(readFileSync(this.file, 'utf8')) as Data;
    this.seen = { mtimeMs, size, ino, data: structuredClone(data) };
    return data;
  }

  async write(data: Data): Promise<void> {
    writeAtomic(this.file, JSON.stringify(data, null, 2));
    this.seen = undefined;
  }
}

/**
 * The embedded default: one JSON document (SOFO_DATA) with a vote log beside it, for one Sofo instance
 * and the `sofo` CLI on the same machine.
 *
 * Every change runs under a lock (file-lock.ts: a dead holder's lock is taken over at once) and
 * re-reads the document first, so a CLI process and a running server never overwrite each other;
 * every write is atomic (temporary file, then rename), so a crash leaves the old or the new file.
 * A file that cannot be read is refused, naming the file and the error, and never overwritten.
 */
export class LowdbStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly votes: VoteLog;

  private constructor(
    private readonly db: Low<Data>,
    readonly file: string,
  ) {
    this.votes = new VoteLog(voteLogFile(file));
  }

  /** Opens (or creates) the store; refuses a file it cannot read rather than overwrite someone's data. */
  static async open(file: string): Promise<LowdbStore> {
    mkdirSync(dirname(file), { recursive: true });
    const fresh: Data = {
      version: VERSION,
      conversations: [],
      subscriptions: [],
      deliveries: [],
      events: {},
      inbox: [],
      ignoredKeys: [],
      counters: [],
    };
    const store = new LowdbStore(new Low<Data>(new DocumentFile(file), fresh), file);
    await store.update(() => undefined);
    chmodSync(file, PRIVATE_MODE);
    return store;
  }

  addFeedback(record: FeedbackRecord): Promise<boolean> {
    const vote = storedVote(record);
    // Appended, never rewritten: the log keeps the last click per (reply, user) as the vote.
    return this.locked(() => {
      this.votes.append(vote);
      return true;
    });
  }

  listFeedback(): Promise<FeedbackRecord[]> {
    return this.locked(() => this.votes.read());
  }

  saveConversation(given: ConversationRecord): Promise<boolean> {
    const record = structuredClone(given);
    return this.update((data) => {
      const at = data.conversations.findIndex((c) => c.platform === record.platform && c.id === record.id);
      if (at < 0) data.conversations.push(record);
      else data.conversations[at] = record;
      return at < 0;
    });
  }

  removeConversation(platform: Platform, id: string): Promise<boolean> {
    return this.update((data) => {
      const before = data.conversations.length;
      data.conversations = data.conversations.filter((c) => !(c.platform === platform && c.id === id));
      return data.conversations.length < before;
    });
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return (await this.read()).conversations;
  }

  claimEvent(id: string, now: Date): Promise<boolean> {
    return this.update((data) => {
      pruneEvents(data, now);
      if (data.events[id] !== undefined) return false;
      data.events[id] = now.getTime();
      return true;
    });
  }

  purge(before: Date, now: Date): Promise<PurgeReport> {
    return this.update((data) => {
      const events = pruneEvents(data, now);
      const deliveries = tipRules.purgeDeliveries(data, before);
      const cut = before.toISOString();
      const votes = this.votes.rewrite((vote) => vote.at >= cut);
      const inbox = inboxRules.purgeItems(data, before);
      return { votes, inbox, deliveries, events };
    });
  }

  forget(user: string): Promise<number> {
    return this.locked(() => this.votes.rewrite((vote) => vote.user !== user));
  }

  async exportAll(): Promise<StoreExport> {
    const data = await this.read();
    return {
      votes: await this.listFeedback(),
      inbox: data.inbox,
      ignoredKeys: data.ignoredKeys,
      counters: data.counters,
      conversations: data.conversations,
      subscriptions: data.subscriptions,
      deliveries: data.deliveries,
      events: Object.keys(data.events).length,
    };
  }

  async ping(): Promise<void> {
    await access(this.file, constants.R_OK | constants.W_OK);
  }

  async close(): Promise<void> {
    await this.queue;
  }

  addInboxItems(items: readonly InboxItem[]): Promise<number> {
    return this.update((data) => inboxRules.addItems(data, items));
  }

  async listInbox(): Promise<InboxItem[]> {
    return (await this.read()).inbox;
  }

  removeInboxItems(ids: readonly string[]): Promise<number> {
    return this.update((data) => inboxRules.removeItems(data, ids));
  }

  ignoreInboxKeys(keys: readonly string[]): Promise<void> {
    return this.update((data) => inboxRules.ignoreKeys(data, keys));
  }

  async listIgnoredKeys(): Promise<string[]> {
    return (await this.read()).ignoredKeys;
  }

  addCounts(counts: readonly Counter[]): Promise<void> {
    return this.update((data) => addCountsTo(data.counters, counts));
  }

  async listCounts(): Promise<Counter[]> {
    return (await this.read()).counters;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.read()).subscriptions;
  }

  subscribe(input: Omit<Subscription, 'offset' | 'cursor'>, tipCount: number): Promise<Subscription> {
    return this.update((data) => structuredClone(tipRules.subscribe(data, input, tipCount)));
  }

  unsubscribe(id: string): Promise<boolean> {
    return this.update((data) => tipRules.unsubscribe(data, id));
  }

  forgetSubscriber(platform: Subscription['platform'], userId: string): Promise<number> {
    return this.update((data) => tipRules.forgetSubscriber(data, platform, userId));
  }

  async getDelivery(subscriptionId: string, slot: string): Promise<Delivery | undefined> {
    return tipRules.findDelivery(await this.read(), subscriptionId, slot);
  }

  async listDeliveries(): Promise<Delivery[]> {
    return (await this.read()).deliveries;
  }

  claim(subscriptionId: string, slot: string, tipId: string, claimant: string, now: Date, leaseMs: number) {
    return this.update((data) =>
      structuredClone(tipRules.claim(data, { subscriptionId, slot, tipId, claimant, now, leaseMs })),
    );
  }

  markAttempt(subscriptionId: string, slot: string, at: Date | undefined): Promise<void> {
    return this.update((data) => tipRules.markAttempt(data, subscriptionId, slot, at));
  }

  complete(subscriptionId: string, slot: string, state: 'sent' | 'failed', now: Date): Promise<void> {
    return this.update((data) => tipRules.complete(data, subscriptionId, slot, state, now));
  }

  /** The document as it is now (another process may have written it); callers get their own copy. */
  private async read(): Promise<Data> {
    await this.load();
    return structuredClone(this.db.data);
  }

  /** Applies a change to the document and writes it, on what is in the file at that moment. */
  private update<T>(change: (data: Data) => T): Promise<T> {
    return this.locked(async (check) => {
      const legacyVotes = await this.load();
      // A version-1 document held the votes: they move to the log before the document drops them.
      for (const vote of legacyVotes) this.votes.append(storedVote(vote));
      const result = change(this.db.data);
      check();
      await this.db.write();
      return result;
    });
  }

  /** One change at a time in this process, under the file lock across processes. */
  private locked<T>(work: (check: () => void) => T | Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const held = await acquire(this.file);
      try {
        const result = await work(() => held.check());
        held.check();
        return result;
      } finally {
        await held.release();
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Reads and checks the document; returns the votes a version-1 document still held. */
  private async load(): Promise<FeedbackRecord[]> {
    const defaults = this.db.data;
    try {
      await this.db.read();
    } catch (error) {
      throw new StoreError(
        this.file,
        `cannot be read as JSON (${(error as Error).message}). Fix it, or move it aside to start with an empty store; it was left untouched.`,
      );
    }
    const data = this.db.data as (Partial<Data> & { feedback?: unknown; salt?: unknown }) | null;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new StoreError(this.file, 'is not a Sofo data file (not a JSON object). It was left untouched.');
    }
    if (typeof data.version === 'number' && data.version > VERSION) {
      throw new StoreError(
        this.file,
        `was written by a newer Sofo (data version ${data.version}; this Sofo knows up to ${VERSION}). Upgrade Sofo; the file was left untouched.`,
      );
    }
    for (const field of LIST_FIELDS) {
      if (data[field] !== undefined && !Array.isArray(data[field])) {
        throw new StoreError(this.file, `"${field}" is not a list. The file was left untouched.`);
      }
    }
    if (data.events !== undefined && (typeof data.events !== 'object' || Array.isArray(data.events))) {
      throw new StoreError(this.file, '"events" is not an object. The file was left untouched.');
    }
    if (data.feedback !== undefined && !Array.isArray(data.feedback)) {
      throw new StoreError(this.file, '"feedback" is not a list. The file was left untouched.');
    }
    // Version 1 kept the pseudonym salt here too: keys.ts has moved it to its own key file before the
    // store is opened. A crash after the votes are appended but before the document is written leaves
    // them in both; appending them again the next time changes nothing (last click per reply and user).
    const { feedback, salt: _salt, ...rest } = data;
    this.db.data = { ...defaults, ...rest, version: VERSION } as Data;
    return (feedback as FeedbackRecord[] | undefined) ?? [];
  }
}

/** Drops processed ids older than the retention; returns how many. */
function pruneEvents(data: Data, now: Date): number {
  let removed = 0;
  for (const [id, at] of Object.entries(data.events)) {
    if (now.getTime() - at >= EVENT_RETENTION_MS) {
      delete data.events[id];
      removed += 1;
    }
  }
  return removed;
}

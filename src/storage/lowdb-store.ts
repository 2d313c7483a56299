import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { lock } from 'proper-lockfile';
import type { Delivery, Subscription } from '../tips/model';
import * as tipRules from '../tips/tip-data';
import { addCountsTo, type Counter } from './counters';
import { StoreError } from './errors';
import type { InboxItem } from './inbox';
import * as inboxRules from './inbox';
import type { ConversationRecord, FeedbackRecord, Platform, Store } from './store';

interface Data {
  version: 1;
  salt: string;
  feedback: FeedbackRecord[];
  /** Added with Teams; a file written before it has none and gets an empty list. */
  conversations: ConversationRecord[];
  /** Added with the tips; likewise. */
  subscriptions: Subscription[];
  deliveries: Delivery[];
  /** Added with the editors' inbox and dashboard; likewise. */
  inbox: InboxItem[];
  ignoredKeys: string[];
  counters: Counter[];
}

const LIST_FIELDS = [
  'feedback',
  'conversations',
  'subscriptions',
  'deliveries',
  'inbox',
  'ignoredKeys',
  'counters',
] as const;

/** How long another process may wait for the file, and when a lock left by a dead process is stale. */
const LOCK = {
  retries: { retries: 100, factor: 1.2, minTimeout: 5, maxTimeout: 100 },
  stale: 10_000,
  realpath: false,
};

/**
 * The embedded default: one JSON file (SOFO_DATA), shared by the server and the `sofo` CLI.
 *
 * Every change runs under a lock file (proper-lockfile) and re-reads the file first, so a CLI process
 * and a running server never overwrite each other's changes; lowdb writes through steno (temporary file,
 * then rename), so a crash mid-write leaves the previous file whole and readers never see half a file.
 * Reads re-read the file too: what another process wrote is seen at once.
 */
export class LowdbStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Low<Data>,
    readonly file: string,
  ) {}

  /** Opens (or creates) the file; refuses a file it cannot read rather than overwrite someone's data. */
  static async open(file: string): Promise<LowdbStore> {
    mkdirSync(dirname(file), { recursive: true });
    const fresh: Data = {
      version: 1,
      salt: randomBytes(16).toString('hex'),
      feedback: [],
      conversations: [],
      subscriptions: [],
      deliveries: [],
      inbox: [],
      ignoredKeys: [],
      counters: [],
    };
    const store = new LowdbStore(new Low<Data>(new JSONFile<Data>(file), fresh), file);
    await store.update(() => undefined);
    return store;
  }

  addFeedback(record: FeedbackRecord): Promise<void> {
    return this.update((data) => {
      data.feedback.push(record);
    });
  }

  async listFeedback(): Promise<FeedbackRecord[]> {
    return (await this.read()).feedback;
  }

  async salt(): Promise<string> {
    return (await this.read()).salt;
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

  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.read()).subscriptions;
  }

  subscribe(input: Omit<Subscription, 'offset' | 'cursor'>, tipCount: number): Promise<Subscription> {
    return this.update((data) => structuredClone(tipRules.subscribe(data, input, tipCount)));
  }

  unsubscribe(id: string): Promise<boolean> {
    return this.update((data) => tipRules.unsubscribe(data, id));
  }

  async getDelivery(subscriptionId: string, slot: string): Promise<Delivery | undefined> {
    return tipRules.findDelivery(await this.read(), subscriptionId, slot);
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

  /** The file as it is now (another process may have written it); callers get their own copy. */
  private async read(): Promise<Data> {
    await this.load();
    return structuredClone(this.db.data);
  }

  /**
   * Applies a change and writes it: one change at a time in this process, under the file lock across
   * processes, always on what is in the file at that moment.
   */
  private update<T>(change: (data: Data) => T): Promise<T> {
    const next = this.queue.then(async () => {
      const release = await lock(this.file, LOCK).catch((error: Error) => {
        throw new StoreError(
          this.file,
          `is locked by another Sofo process and did not come free (${error.message})`,
        );
      });
      try {
        await this.load();
        const result = change(this.db.data);
        await this.db.write();
        return result;
      } finally {
        await release();
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<void> {
    const defaults = this.db.data;
    try {
      await this.db.read();
    } catch (error) {
      throw new StoreError(
        this.file,
        `cannot be read as JSON (${(error as Error).message}). Move it aside to start with an empty store; it was left untouched.`,
      );
    }
    const data = this.db.data as Partial<Data> | null;
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray(data.feedback)) {
      throw new StoreError(this.file, 'is not a Sofo data file (no "feedback" list). It was left untouched.');
    }
    for (const field of LIST_FIELDS) {
      if (data[field] !== undefined && !Array.isArray(data[field])) {
        throw new StoreError(this.file, `"${field}" is not a list. The file was left untouched.`);
      }
    }
    this.db.data = { ...defaults, ...data } as Data;
  }
}

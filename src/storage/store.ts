import type { TipStore } from '../tips/model';
import type { Counter, CounterStore } from './counters';
import type { InboxItem, InboxStore } from './inbox';

/**
 * What Sofo remembers between requests, behind one contract with three backends: memory (tests), a
 * lowdb file (one instance, the default) and PostgreSQL (one or many instances). The same contract
 * tests run against all three. No platform user id is stored in clear: callers pass `pseudonym()`.
 */
export type Vote = 'up' | 'down';
export type Platform = 'slack' | 'teams' | 'web';

export interface FeedbackRecord {
  /** The knowledge entry (or intent) the vote is about. */
  entryId: string;
  /**
   * The question as asked, so editors can see what was (not) answered well; every backend stores it
   * scrubbed of e-mail addresses, phone numbers, personnummer and URLs with a query, at most 500 chars.
   */
  question: string;
  vote: Vote;
  platform: Platform;
  /** A keyed hash of the platform's user id: the same user maps to the same value, and nothing more. */
  user: string;
  /** ISO 8601. */
  at: string;
}

/**
 * A conversation Sofo was added to, kept so that it can post there later (tips). The platform's own
 * address for it is opaque here: the channel adapter that wrote it is the one that reads it.
 */
export interface ConversationRecord {
  platform: Platform;
  /** The platform's conversation id (Teams: `19:…@thread.tacv2`, `19:…@thread.v2`, `a:…`). */
  id: string;
  /** What the platform needs to post there (Teams: a ConversationReference), with no user id in clear. */
  reference: Record<string, unknown>;
  /** ISO 8601: when it was stored or last refreshed. */
  at: string;
}

/** What a purge removed. */
export interface PurgeReport {
  votes: number;
  /** The editors' inbox questions. */
  inbox: number;
  /** Finished tip deliveries of slots before the cut-off (the rotation lives on the subscription). */
  deliveries: number;
  events: number;
}

/** Everything the store holds, for an access request (`sofo data export --json`). */
export interface StoreExport {
  votes: FeedbackRecord[];
  inbox: InboxItem[];
  ignoredKeys: string[];
  /** Counts per week, entry, language and channel kind: nothing in them points to a person. */
  counters: Counter[];
  conversations: ConversationRecord[];
  subscriptions: Awaited<ReturnType<TipStore['listSubscriptions']>>;
  deliveries: Awaited<ReturnType<TipStore['listDeliveries']>>;
  /** Processed event ids are kept an hour; only how many are held is exported. */
  events: number;
}

/** Processed event and activity ids are kept this long: platforms retry within minutes. */
export const EVENT_RETENTION_MS = 60 * 60_000;

export interface Store extends TipStore, InboxStore, CounterStore {
  /**
   * Records a vote: one per (reply, user), where the reply is the entry answered to that question on
   * that platform. A repeat replaces the earlier vote (a second click changes it, a replay changes
   * nothing). Returns whether the vote was new.
   */
  addFeedback(record: FeedbackRecord): Promise<boolean>;
  /** The current votes, oldest first. */
  listFeedback(): Promise<FeedbackRecord[]>;
  /**
   * Stores a conversation, or refreshes the one with the same platform and id. True when it was not
   * stored before: deciding this inside the store makes two install events at once greet only once.
   */
  saveConversation(record: ConversationRecord): Promise<boolean>;
  /** Forgets a conversation (Sofo was removed from it); true when it was stored. */
  removeConversation(platform: Platform, id: string): Promise<boolean>;
  listConversations(): Promise<ConversationRecord[]>;
  /**
   * Claims a platform's event or activity id before it is answered: true for exactly one caller, in
   * any process on this store, within EVENT_RETENTION_MS. Retries and re-deliveries get false.
   */
  claimEvent(id: string, now: Date): Promise<boolean>;
  /**
   * Deletes votes, inbox questions and finished deliveries older than `before`, and processed ids older than
   * EVENT_RETENTION_MS before `now`.
   */
  purge(before: Date, now: Date): Promise<PurgeReport>;
  /** Deletes every vote of one pseudonym (a person's right to erasure); returns how many. */
  forget(user: string): Promise<number>;
  exportAll(): Promise<StoreExport>;
  /** Resolves when the store can be reached now; rejects with why not. */
  ping(): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

import type { TipStore } from '../tips/model';
import type { CounterStore } from './counters';
import type { InboxStore } from './inbox';

/**
 * What Sofo remembers between requests, behind a small interface so channels never see lowdb and tests
 * can use the in-memory version. No platform user id is stored in clear: callers pass `pseudonym()`.
 */
export type Vote = 'up' | 'down';
export type Platform = 'slack' | 'teams' | 'web';

export interface FeedbackRecord {
  /** The knowledge entry (or intent) the vote is about. */
  entryId: string;
  /** The question as the user asked it, so editors can see what was (not) answered well. */
  question: string;
  vote: Vote;
  platform: Platform;
  /** A salted hash of the platform's user id: the same user maps to the same value, and nothing more. */
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

export interface Store extends TipStore, InboxStore, CounterStore {
  addFeedback(record: FeedbackRecord): Promise<void>;
  listFeedback(): Promise<FeedbackRecord[]>;
  /** The salt for pseudonyms, created once and kept with the data. */
  salt(): Promise<string>;
  /**
   * Stores a conversation, or refreshes the one with the same platform and id. True when it was not
   * stored before: deciding this inside the store makes two install events at once greet only once.
   */
  saveConversation(record: ConversationRecord): Promise<boolean>;
  /** Forgets a conversation (Sofo was removed from it); true when it was stored. */
  removeConversation(platform: Platform, id: string): Promise<boolean>;
  listConversations(): Promise<ConversationRecord[]>;
}

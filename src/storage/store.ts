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

export interface Store {
  addFeedback(record: FeedbackRecord): Promise<void>;
  listFeedback(): Promise<FeedbackRecord[]>;
  /** The salt for pseudonyms, created once and kept with the data. */
  salt(): Promise<string>;
}

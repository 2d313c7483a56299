import type { Lang } from '../core/lang';
import type { Platform } from './store';

/**
 * The editors' inbox in the store: questions Sofo could not answer surely (a fallback, a clarify) or
 * that got a 👎. Only what an editor needs to fix the knowledge: the question scrubbed of personal data
 * (scrubForStorage), its language and outcome, the best candidates, the channel kind and the time; never
 * who asked.
 */
export type InboxOutcome = 'fallback' | 'clarify' | 'down';

export interface InboxCandidate {
  id: string;
  /** 0..1, as the engine scored it. */
  score: number;
}

export interface InboxItem {
  id: string;
  /** Scrubbed (e-mail, phone, personnummer, URLs with a query masked) and clipped. */
  text: string;
  lang: Lang;
  outcome: InboxOutcome;
  /** Best first, at most a handful. */
  candidates: InboxCandidate[];
  channel: Platform;
  /** ISO 8601. */
  at: string;
  /** The grouping key at the time it was asked: an ignored key keeps new questions out. */
  key: string;
}

export interface InboxStore {
  /** Adds questions, except those whose key is ignored; returns how many were kept. */
  addInboxItems(items: readonly InboxItem[]): Promise<number>;
  listInbox(): Promise<InboxItem[]>;
  /** Removes questions an editor has dealt with (added as phrasings, drafted); returns how many. */
  removeInboxItems(ids: readonly string[]): Promise<number>;
  /** Ignores these keys for good: their questions go, and new ones with the same key are not kept. */
  ignoreInboxKeys(keys: readonly string[]): Promise<void>;
  listIgnoredKeys(): Promise<string[]>;
}

/** The inbox never grows without bound between retention runs: the oldest questions go first. */
export const MAX_INBOX_ITEMS = 20_000;

/** The inbox's rules on plain data, shared by the file and memory stores so both behave the same. */
export interface InboxData {
  inbox: InboxItem[];
  ignoredKeys: string[];
}

export function addItems(data: InboxData, items: readonly InboxItem[]): number {
  const ignored = new Set(data.ignoredKeys);
  const kept = items.filter((item) => !ignored.has(item.key));
  data.inbox.push(...structuredClone(kept));
  if (data.inbox.length > MAX_INBOX_ITEMS) data.inbox.splice(0, data.inbox.length - MAX_INBOX_ITEMS);
  return kept.length;
}

export function removeItems(data: InboxData, ids: readonly string[]): number {
  const gone = new Set(ids);
  const before = data.inbox.length;
  data.inbox = data.inbox.filter((item) => !gone.has(item.id));
  return before - data.inbox.length;
}

export function ignoreKeys(data: InboxData, keys: readonly string[]): void {
  const ignored = new Set([...data.ignoredKeys, ...keys]);
  data.ignoredKeys = [...ignored];
  data.inbox = data.inbox.filter((item) => !ignored.has(item.key));
}

/** Drops questions older than the retention cut-off; returns how many. */
export function purgeItems(data: InboxData, before: Date): number {
  const cut = before.toISOString();
  const count = data.inbox.length;
  data.inbox = data.inbox.filter((item) => item.at >= cut);
  return count - data.inbox.length;
}

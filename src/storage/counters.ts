import type { Lang } from '../core/lang';
import type { ReplyKind } from '../core/reply/model';
import type { Platform, Vote } from './store';

/**
 * The dashboard's numbers, kept as counters rather than a log of questions: how many questions of each
 * outcome, and how many votes, per ISO week, entry, language and channel kind. Nothing in a counter can
 * be traced to a person or a conversation.
 */
export type CountedEvent = ReplyKind | Vote;

export interface CounterKey {
  /** ISO week, e.g. "2026-W49". */
  week: string;
  event: CountedEvent;
  /** The reply's id: an entry, an intent, `contact:<id>` or `fallback`. */
  entryId: string;
  lang: Lang;
  channel: Platform;
}

export interface Counter extends CounterKey {
  count: number;
}

export interface CounterStore {
  /** Adds each count to the counter with the same key (creating it at 0). */
  addCounts(counts: readonly Counter[]): Promise<void>;
  listCounts(): Promise<Counter[]>;
}

export function counterKey(c: CounterKey): string {
  return `${c.week}\u0000${c.event}\u0000${c.entryId}\u0000${c.lang}\u0000${c.channel}`;
}

/** Adds counts into a list of counters in place (shared by the file and memory stores). */
export function addCountsTo(counters: Counter[], counts: readonly Counter[]): void {
  const index = new Map(counters.map((c, i) => [counterKey(c), i]));
  for (const count of counts) {
    const at = index.get(counterKey(count));
    const existing = at === undefined ? undefined : counters[at];
    if (existing) existing.count += count.count;
    else {
      index.set(counterKey(count), counters.length);
      counters.push({ ...count });
    }
  }
}

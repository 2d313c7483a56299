import { randomUUID } from 'node:crypto';
import type { Reply } from '../core/reply/model';
import { scrubForStorage } from '../core/text/scrub';
import { isoWeek } from '../stats/week';
import type { Counter, CounterStore } from '../storage/counters';
import type { InboxCandidate, InboxItem, InboxStore } from '../storage/inbox';
import type { FeedbackRecord, Platform } from '../storage/store';
import { type Canonical, groupKey } from './grouping';

export interface RecorderDeps {
  store: InboxStore & CounterStore;
  now: () => Date;
  log: (line: string) => void;
  /** How words group (the live knowledge base's synonyms); stems alone without it. */
  canonical?: () => Canonical;
}

/** What is held in memory at most while the store is slow or failing; beyond it the oldest go. */
const MAX_PENDING = 1_000;

/**
 * Keeps what editors need from every channel's questions and votes: a counter per outcome (the
 * dashboard) and, for a fallback, a clarify or a 👎, the scrubbed question (the inbox).
 *
 * Recording never delays or fails a reply: it is queued, and writes are coalesced (while one write is
 * in flight, everything that arrives is written together by the next), so a burst of questions costs a
 * few store writes, not one each. A store failure is logged once per failing write and dropped.
 */
export class Recorder {
  private counts = new Map<string, Counter>();
  private items: InboxItem[] = [];
  private writing: Promise<void> | undefined;

  constructor(private readonly deps: RecorderDeps) {}

  /**
   * A question a channel got and the reply it gave; `candidates` (from the engine's explanation) when
   * the reply's own alternatives are not all there was.
   */
  asked(channel: Platform, question: string, reply: Reply, candidates?: InboxCandidate[]): void {
    this.count({ event: reply.kind, entryId: reply.id, lang: reply.lang, channel });
    if (reply.kind === 'fallback' || reply.kind === 'clarify') {
      this.push({
        ...this.item(channel, question, reply.lang, reply.kind),
        candidates: (candidates ?? candidatesOf(reply)).slice(0, 5),
      });
    }
  }

  /**
   * A 👍/👎 as a channel stored it, with the reply its question gives now (for the language and
   * candidates; the vote itself does not carry them).
   */
  voted(record: FeedbackRecord, reply: Reply | undefined): void {
    const lang = reply?.lang ?? 'sv';
    this.count({ event: record.vote, entryId: record.entryId, lang, channel: record.platform });
    if (record.vote === 'down') {
      const candidates = reply ? candidatesOf(reply) : [];
      if (!candidates.some((c) => c.id === record.entryId)) {
        candidates.unshift({ id: record.entryId, score: reply?.confidence ?? 0 });
      }
      this.push({
        ...this.item(record.platform, record.question, lang, 'down'),
        candidates: candidates.slice(0, 5),
      });
    }
  }

  /** Resolves once everything recorded so far is written (or has failed and been logged). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private count(key: Omit<Counter, 'week' | 'count'>): void {
    const counter = { ...key, week: isoWeek(this.deps.now()), count: 1 };
    const id = `${counter.week} ${counter.event} ${counter.entryId} ${counter.lang} ${counter.channel}`;
    const pending = this.counts.get(id);
    if (pending) pending.count += 1;
    else this.counts.set(id, counter);
    this.schedule();
  }

  private item(channel: Platform, question: string, lang: Reply['lang'], outcome: InboxItem['outcome']) {
    const text = scrubForStorage(question);
    return {
      id: randomUUID(),
      text,
      lang,
      outcome,
      channel,
      at: this.deps.now().toISOString(),
      key: groupKey(text, lang, this.deps.canonical?.()),
    };
  }

  private push(item: InboxItem): void {
    if (item.text === '') return;
    this.items.push(item);
    if (this.items.length > MAX_PENDING) this.items.splice(0, this.items.length - MAX_PENDING);
    this.schedule();
  }

  private schedule(): void {
    if (this.writing) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
    });
  }

  private async drain(): Promise<void> {
    // Let the reply go out first; then write whatever has gathered, until nothing is left.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.counts.size > 0 || this.items.length > 0) {
      const counts = [...this.counts.values()];
      const items = this.items;
      this.counts = new Map();
      this.items = [];
      try {
        if (counts.length > 0) await this.deps.store.addCounts(counts);
        if (items.length > 0) await this.deps.store.addInboxItems(items);
      } catch (error) {
        this.deps.log(
          `sofo: ${counts.length} counters and ${items.length} inbox questions not stored: ${(error as Error).message}`,
        );
      }
    }
  }
}

/** The best candidates a reply shows: its own id and its alternatives, with their confidences. */
export function candidatesOf(reply: Reply): InboxCandidate[] {
  const list: InboxCandidate[] =
    reply.kind === 'fallback' || reply.kind === 'clarify' ? [] : [{ id: reply.id, score: reply.confidence }];
  for (const alt of reply.alternatives) {
    if (!list.some((c) => c.id === alt.id)) list.push({ id: alt.id, score: alt.confidence });
  }
  return list.sort((a, b) => b.score - a.score).slice(0, 5);
}

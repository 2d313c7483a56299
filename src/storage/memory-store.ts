import { MemoryTipStore } from '../tips/memory-tip-store';
import { purgeDeliveries } from '../tips/tip-data';
import { addCountsTo, type Counter } from './counters';
import type { InboxItem } from './inbox';
import * as inboxRules from './inbox';
import {
  type ConversationRecord,
  EVENT_RETENTION_MS,
  type FeedbackRecord,
  type Platform,
  type PurgeReport,
  type Store,
  type StoreExport,
} from './store';
import { storedVote, voteKey } from './votes';

/** The store for tests and for running without a data file: the contract, in this process only. */
export class MemoryStore extends MemoryTipStore implements Store {
  private readonly votes = new Map<string, FeedbackRecord>();
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly events = new Map<string, number>();
  private readonly inboxData: inboxRules.InboxData = { inbox: [], ignoredKeys: [] };
  private readonly counters: Counter[] = [];

  /** The current votes, for tests to look at without awaiting. */
  get feedback(): FeedbackRecord[] {
    return [...this.votes.values()];
  }

  async addFeedback(record: FeedbackRecord): Promise<boolean> {
    const vote = storedVote(record);
    const key = voteKey(vote);
    const isNew = !this.votes.has(key);
    // Delete first so the map's order stays oldest-first by the latest click.
    this.votes.delete(key);
    this.votes.set(key, vote);
    return isNew;
  }

  async listFeedback(): Promise<FeedbackRecord[]> {
    return [...this.votes.values()].map((v) => ({ ...v }));
  }

  async saveConversation(record: ConversationRecord): Promise<boolean> {
    const key = `${record.platform}:${record.id}`;
    const isNew = !this.conversations.has(key);
    this.conversations.set(key, structuredClone(record));
    return isNew;
  }

  async removeConversation(platform: Platform, id: string): Promise<boolean> {
    return this.conversations.delete(`${platform}:${id}`);
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return [...this.conversations.values()].map((r) => structuredClone(r));
  }

  async claimEvent(id: string, now: Date): Promise<boolean> {
    const at = this.events.get(id);
    if (at !== undefined && now.getTime() - at < EVENT_RETENTION_MS) return false;
    this.events.set(id, now.getTime());
    return true;
  }

  async purge(before: Date, now: Date): Promise<PurgeReport> {
    let votes = 0;
    for (const [key, vote] of this.votes) {
      if (vote.at < before.toISOString()) {
        this.votes.delete(key);
        votes += 1;
      }
    }
    let events = 0;
    for (const [id, at] of this.events) {
      if (now.getTime() - at >= EVENT_RETENTION_MS) {
        this.events.delete(id);
        events += 1;
      }
    }
    return {
      votes,
      inbox: inboxRules.purgeItems(this.inboxData, before),
      deliveries: purgeDeliveries(this.tipData, before),
      events,
    };
  }

  async forget(user: string): Promise<number> {
    let removed = 0;
    for (const [key, vote] of this.votes) {
      if (vote.user === user) {
        this.votes.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  async exportAll(): Promise<StoreExport> {
    return {
      votes: await this.listFeedback(),
      inbox: await this.listInbox(),
      ignoredKeys: await this.listIgnoredKeys(),
      counters: await this.listCounts(),
      conversations: await this.listConversations(),
      subscriptions: await this.listSubscriptions(),
      deliveries: await this.listDeliveries(),
      events: this.events.size,
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  async addInboxItems(items: readonly InboxItem[]): Promise<number> {
    return inboxRules.addItems(this.inboxData, items);
  }

  async listInbox(): Promise<InboxItem[]> {
    return structuredClone(this.inboxData.inbox);
  }

  async removeInboxItems(ids: readonly string[]): Promise<number> {
    return inboxRules.removeItems(this.inboxData, ids);
  }

  async ignoreInboxKeys(keys: readonly string[]): Promise<void> {
    inboxRules.ignoreKeys(this.inboxData, keys);
  }

  async listIgnoredKeys(): Promise<string[]> {
    return [...this.inboxData.ignoredKeys];
  }

  async addCounts(counts: readonly Counter[]): Promise<void> {
    addCountsTo(this.counters, counts);
  }

  async listCounts(): Promise<Counter[]> {
    return structuredClone(this.counters);
  }
}

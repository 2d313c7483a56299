import { randomBytes } from 'node:crypto';
import { MemoryTipStore } from '../tips/memory-tip-store';
import { addCountsTo, type Counter } from './counters';
import type { InboxItem } from './inbox';
import * as inboxRules from './inbox';
import type { ConversationRecord, FeedbackRecord, Platform, Store } from './store';

/** The store for tests and for running without a data file. */
export class MemoryStore extends MemoryTipStore implements Store {
  readonly feedback: FeedbackRecord[] = [];
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly secret = randomBytes(16).toString('hex');

  async addFeedback(record: FeedbackRecord): Promise<void> {
    this.feedback.push(record);
  }

  async listFeedback(): Promise<FeedbackRecord[]> {
    return [...this.feedback];
  }

  async salt(): Promise<string> {
    return this.secret;
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

  private readonly inboxData: inboxRules.InboxData = { inbox: [], ignoredKeys: [] };
  private readonly counters: Counter[] = [];

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

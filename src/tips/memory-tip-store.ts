import type { Delivery, Subscription, TipStore } from './model';
import * as rules from './tip-data';

/** The tip store for tests: the file store's rules (tip-data.ts) on data in memory. */
export class MemoryTipStore implements TipStore {
  protected readonly tipData: rules.TipData = { subscriptions: [], deliveries: [] };

  async listSubscriptions(): Promise<Subscription[]> {
    return structuredClone(this.tipData.subscriptions);
  }

  async subscribe(input: Omit<Subscription, 'offset' | 'cursor'>, tipCount: number): Promise<Subscription> {
    return structuredClone(rules.subscribe(this.tipData, input, tipCount));
  }

  async unsubscribe(id: string): Promise<boolean> {
    return rules.unsubscribe(this.tipData, id);
  }

  async forgetSubscriber(platform: Subscription['platform'], userId: string): Promise<number> {
    return rules.forgetSubscriber(this.tipData, platform, userId);
  }

  async getDelivery(subscriptionId: string, slot: string): Promise<Delivery | undefined> {
    return structuredClone(rules.findDelivery(this.tipData, subscriptionId, slot));
  }

  async listDeliveries(): Promise<Delivery[]> {
    return structuredClone(this.tipData.deliveries);
  }

  async claim(
    subscriptionId: string,
    slot: string,
    tipId: string,
    claimant: string,
    now: Date,
    leaseMs: number,
  ) {
    return structuredClone(
      rules.claim(this.tipData, { subscriptionId, slot, tipId, claimant, now, leaseMs }),
    );
  }

  async markAttempt(subscriptionId: string, slot: string, at: Date | undefined): Promise<void> {
    rules.markAttempt(this.tipData, subscriptionId, slot, at);
  }

  async complete(subscriptionId: string, slot: string, state: 'sent' | 'failed', now: Date): Promise<void> {
    rules.complete(this.tipData, subscriptionId, slot, state, now);
  }
}

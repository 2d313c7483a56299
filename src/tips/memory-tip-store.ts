import type { Delivery, Subscription, TipStore } from './model';
import { startingOffset } from './rotation';

/** The tip store for tests: the same semantics as the file store, in memory. */
export class MemoryTipStore implements TipStore {
  readonly subscriptions = new Map<string, Subscription>();
  readonly deliveries = new Map<string, Delivery>();

  async listSubscriptions(): Promise<Subscription[]> {
    return [...this.subscriptions.values()].map((s) => ({ ...s }));
  }

  async subscribe(input: Omit<Subscription, 'offset' | 'cursor'>, tipCount: number): Promise<Subscription> {
    const existing = this.subscriptions.get(input.id);
    if (existing) return { ...existing };
    const subscription = { ...input, offset: startingOffset(input.id, tipCount), cursor: 0 };
    this.subscriptions.set(input.id, subscription);
    return { ...subscription };
  }

  async unsubscribe(id: string): Promise<boolean> {
    return this.subscriptions.delete(id);
  }

  async getDelivery(subscriptionId: string, slot: string): Promise<Delivery | undefined> {
    const d = this.deliveries.get(key(subscriptionId, slot));
    return d ? { ...d } : undefined;
  }

  async claim(
    subscriptionId: string,
    slot: string,
    tipId: string,
    claimant: string,
    now: Date,
    leaseMs: number,
  ) {
    const existing = this.deliveries.get(key(subscriptionId, slot));
    const claimable =
      !existing ||
      (existing.state === 'claimed' && now.getTime() - Date.parse(existing.claimedAt) >= leaseMs);
    if (!claimable) return undefined;
    const delivery: Delivery = {
      ...existing,
      subscriptionId,
      slot,
      tipId: existing?.tipId ?? tipId,
      state: 'claimed',
      claimant,
      claimedAt: now.toISOString(),
    };
    this.deliveries.set(key(subscriptionId, slot), delivery);
    return { ...delivery };
  }

  async markAttempt(subscriptionId: string, slot: string, at: Date | undefined): Promise<void> {
    const d = this.deliveries.get(key(subscriptionId, slot));
    if (!d) return;
    if (at) d.attemptedAt = at.toISOString();
    else delete d.attemptedAt;
  }

  async complete(subscriptionId: string, slot: string, state: 'sent' | 'failed', now: Date): Promise<void> {
    const d = this.deliveries.get(key(subscriptionId, slot));
    if (d?.state !== 'claimed') return;
    d.state = state;
    d.completedAt = now.toISOString();
    const subscription = this.subscriptions.get(subscriptionId);
    if (state === 'sent' && subscription) subscription.cursor += 1;
  }
}

function key(subscriptionId: string, slot: string): string {
  return `${subscriptionId}|${slot}`;
}

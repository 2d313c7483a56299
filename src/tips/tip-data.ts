import type { Delivery, Subscription } from './model';
import { startingOffset } from './rotation';

/**
 * The tip store's rules on plain data, shared by the file store and the memory store so both behave
 * the same: subscriptions are idempotent, a delivery is claimed before it is posted, and a claim can be
 * taken over only once its lease has run out.
 */
export interface TipData {
  subscriptions: Subscription[];
  deliveries: Delivery[];
}

export function subscribe(
  data: TipData,
  input: Omit<Subscription, 'offset' | 'cursor'>,
  tipCount: number,
): Subscription {
  const existing = data.subscriptions.find((s) => s.id === input.id);
  if (existing) return existing;
  const subscription: Subscription = { ...input, offset: startingOffset(input.id, tipCount), cursor: 0 };
  data.subscriptions.push(subscription);
  return subscription;
}

export function unsubscribe(data: TipData, id: string): boolean {
  const before = data.subscriptions.length;
  data.subscriptions = data.subscriptions.filter((s) => s.id !== id);
  return data.subscriptions.length < before;
}

/**
 * A person's erasure request (`sofo data forget`): their platform id is removed from every
 * subscription they made; the subscriptions stay (the channel still wants its tips). How many changed.
 */
export function forgetSubscriber(data: TipData, platform: Subscription['platform'], userId: string): number {
  let changed = 0;
  for (const s of data.subscriptions) {
    if (s.platform !== platform || s.subscriber !== userId) continue;
    delete s.subscriber;
    changed++;
  }
  return changed;
}

export function findDelivery(data: TipData, subscriptionId: string, slot: string): Delivery | undefined {
  return data.deliveries.find((d) => d.subscriptionId === subscriptionId && d.slot === slot);
}

export function claim(
  data: TipData,
  request: {
    subscriptionId: string;
    slot: string;
    tipId: string;
    claimant: string;
    now: Date;
    leaseMs: number;
  },
): Delivery | undefined {
  const existing = findDelivery(data, request.subscriptionId, request.slot);
  if (existing) {
    const expired = request.now.getTime() - Date.parse(existing.claimedAt) >= request.leaseMs;
    if (existing.state !== 'claimed' || !expired) return undefined;
    // A crashed runner's claim: take it over, keeping its tip and whether it had tried to post.
    existing.claimant = request.claimant;
    existing.claimedAt = request.now.toISOString();
    return existing;
  }
  const delivery: Delivery = {
    subscriptionId: request.subscriptionId,
    slot: request.slot,
    tipId: request.tipId,
    state: 'claimed',
    claimant: request.claimant,
    claimedAt: request.now.toISOString(),
  };
  data.deliveries.push(delivery);
  return delivery;
}

export function markAttempt(data: TipData, subscriptionId: string, slot: string, at: Date | undefined): void {
  const delivery = findDelivery(data, subscriptionId, slot);
  if (!delivery) return;
  if (at) delivery.attemptedAt = at.toISOString();
  else delete delivery.attemptedAt;
}

export function complete(
  data: TipData,
  subscriptionId: string,
  slot: string,
  state: 'sent' | 'failed',
  now: Date,
): void {
  const delivery = findDelivery(data, subscriptionId, slot);
  if (delivery?.state !== 'claimed') return;
  delivery.state = state;
  delivery.completedAt = now.toISOString();
  const subscription = data.subscriptions.find((s) => s.id === subscriptionId);
  if (state === 'sent' && subscription) subscription.cursor += 1;
}

/** Drops finished deliveries of slots before `before`; a claimed one stays until it is finished. */
export function purgeDeliveries(data: TipData, before: Date): number {
  const cut = before.toISOString();
  const kept = data.deliveries.filter((d) => d.state === 'claimed' || d.slot >= cut);
  const removed = data.deliveries.length - kept.length;
  data.deliveries = kept;
  return removed;
}

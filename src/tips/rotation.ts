import { createHash } from 'node:crypto';
import type { Tip } from '../core/knowledge/model';
import type { Subscription } from './model';

/**
 * Each subscriber walks the tip list in order from its own starting point, so it sees every tip once
 * before any repeats, and two channels subscribed the same week do not get the same tips.
 */
export function nextTip(
  tips: readonly Tip[],
  subscription: Pick<Subscription, 'offset' | 'cursor'>,
): Tip | undefined {
  if (tips.length === 0) return undefined;
  return tips[(subscription.offset + subscription.cursor) % tips.length];
}

/** A starting point derived from the subscriber id: stable, and spread over the list. */
export function startingOffset(subscriptionId: string, tipCount: number): number {
  if (tipCount <= 0) return 0;
  return createHash('sha256').update(subscriptionId).digest().readUInt32BE(0) % tipCount;
}

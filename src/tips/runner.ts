import { randomUUID } from 'node:crypto';
import type { Tip } from '../core/knowledge/model';
import type { Lang } from '../core/lang';
import type { Subscription, TipMessage, TipSender, TipStore } from './model';
import { nextTip } from './rotation';

export interface RunnerDeps {
  store: TipStore;
  senders: TipSender[];
  tips: readonly Tip[];
  /** The tip message for a tip in a language (title, text, the entry's title for "Läs mer"). */
  message: (tip: Tip, lang: Lang) => TipMessage;
  now: () => Date;
  /** Waits; tests pass a fake that only advances their clock. */
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

export interface RunnerOptions {
  /** How long a claim protects a delivery in progress before another runner may take it over. */
  leaseMs?: number;
  /** Posting attempts per subscriber and slot within one run. */
  attempts?: number;
  /** First back-off after a transient error; doubles each time. */
  backoffMs?: number;
  /** Longest Retry-After honoured within a run; longer waits are left to the next run. */
  maxRetryAfterMs?: number;
}

export interface SlotReport {
  slot: string;
  sent: string[];
  skipped: string[];
  ended: string[];
  failed: string[];
}

/**
 * Delivers one slot's tip to every subscriber exactly once: claim (recorded before posting), mark the
 * attempt, post with a key unique to (subscriber, slot), record the outcome. A crash at any point is
 * repaired by the next run: a claim never attempted is simply posted; one attempted but never completed
 * is first looked up on the platform. Subscribers are served side by side: one slow or failing channel
 * never holds up another.
 */
export class TipRunner {
  private readonly id = randomUUID();
  private readonly options: Required<RunnerOptions>;

  constructor(
    private readonly deps: RunnerDeps,
    options: RunnerOptions = {},
  ) {
    this.options = {
      leaseMs: 10 * 60_000,
      attempts: 4,
      backoffMs: 2_000,
      maxRetryAfterMs: 5 * 60_000,
      ...options,
    };
  }

  async runSlot(slot: string, only?: (s: Subscription) => boolean): Promise<SlotReport> {
    const report: SlotReport = { slot, sent: [], skipped: [], ended: [], failed: [] };
    const subscriptions = (await this.deps.store.listSubscriptions()).filter(
      (s) => !s.pending && (only ? only(s) : s.since <= slot),
    );
    const waiting = await this.unfinishedBefore(slot);
    await Promise.all(
      subscriptions.map((s) => {
        // An earlier slot's delivery is still open (a crash): the rotation has not moved on, so this
        // slot would repeat that tip. The repair of that slot comes first; this one waits for it.
        if (waiting.has(s.id)) {
          report.skipped.push(s.id);
          return undefined;
        }
        return this.deliver(s, slot, report);
      }),
    );
    return report;
  }

  /**
   * Finishes what a crash left open in an earlier slot (never starts a new delivery there: a slot
   * missed while Sofo was down is not owed). A claim still within its lease is left to its holder.
   */
  async repairSlot(slot: string): Promise<SlotReport> {
    const report: SlotReport = { slot, sent: [], skipped: [], ended: [], failed: [] };
    const open = new Set(
      (await this.deps.store.listDeliveries())
        .filter((d) => d.slot === slot && d.state === 'claimed')
        .map((d) => d.subscriptionId),
    );
    if (open.size === 0) return report;
    const subscriptions = (await this.deps.store.listSubscriptions()).filter((s) => open.has(s.id));
    await Promise.all(subscriptions.map((s) => this.deliver(s, slot, report)));
    return report;
  }

  private async unfinishedBefore(slot: string): Promise<Set<string>> {
    if (slot.startsWith('manual:')) return new Set();
    const open = (await this.deps.store.listDeliveries()).filter(
      (d) => d.state === 'claimed' && d.slot < slot && !d.slot.startsWith('manual:'),
    );
    return new Set(open.map((d) => d.subscriptionId));
  }

  private async deliver(subscription: Subscription, slot: string, report: SlotReport): Promise<void> {
    const { store } = this.deps;
    const existing = await store.getDelivery(subscription.id, slot);
    if (existing?.state === 'sent' || existing?.state === 'failed') {
      report.skipped.push(subscription.id);
      return;
    }
    const tip = existing
      ? this.deps.tips.find((t) => t.id === existing.tipId)
      : nextTip(this.deps.tips, subscription);
    const sender = this.deps.senders.find((s) => s.platform === subscription.platform);
    if (!tip || !sender) {
      report.failed.push(subscription.id);
      return;
    }
    const claim = await store.claim(
      subscription.id,
      slot,
      tip.id,
      this.id,
      this.deps.now(),
      this.options.leaseMs,
    );
    if (!claim) {
      report.skipped.push(subscription.id); // another runner holds it, or it was just completed
      return;
    }
    const key = `sofo-tip:${subscription.id}:${slot}`;
    if (claim.attemptedAt !== undefined) {
      // A run crashed after trying to post: ask the platform before posting again.
      const posted = await sender
        .wasSent(subscription, key, new Date(claim.attemptedAt))
        .catch(() => undefined);
      if (posted !== false) {
        // Posted, or the platform cannot tell: never post twice.
        if (posted === undefined)
          this.deps.log(`tips: ${subscription.id} ${slot}: earlier attempt unconfirmed; not posting again`);
        await store.complete(subscription.id, slot, 'sent', this.deps.now());
        report.sent.push(subscription.id);
        return;
      }
    }
    await this.post(subscription, slot, tip, sender, key, report);
  }

  private async post(
    subscription: Subscription,
    slot: string,
    tip: Tip,
    sender: TipSender,
    key: string,
    report: SlotReport,
  ): Promise<void> {
    const { store, log } = this.deps;
    const message = this.deps.message(tip, subscription.lang);
    let backoff = this.options.backoffMs;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      await store.markAttempt(subscription.id, slot, this.deps.now());
      const outcome = await sender
        .send(subscription, message, key)
        .catch(
          (error: unknown) => ({ ok: false, kind: 'transient', detail: (error as Error).message }) as const,
        );
      if (outcome.ok) {
        await store.complete(subscription.id, slot, 'sent', this.deps.now());
        report.sent.push(subscription.id);
        return;
      }
      // The platform answered with an error: nothing was posted, so a later run need not look it up.
      await store.markAttempt(subscription.id, slot, undefined);
      if (outcome.kind === 'gone') {
        log(`tips: ${subscription.id}: ${outcome.detail}; subscription ended`);
        await store.complete(subscription.id, slot, 'failed', this.deps.now());
        await store.unsubscribe(subscription.id);
        report.ended.push(subscription.id);
        await sender
          .notifyEnded?.(subscription, outcome.detail)
          .catch((error: unknown) =>
            log(`tips: ${subscription.id}: could not tell the subscriber: ${(error as Error).message}`),
          );
        return;
      }
      if (attempt === this.options.attempts) break;
      const wait = outcome.kind === 'rate-limited' ? outcome.retryAfterMs : backoff;
      if (wait > this.options.maxRetryAfterMs) break;
      log(`tips: ${subscription.id}: ${outcome.detail}; retrying in ${Math.round(wait / 1000)} s`);
      await this.deps.sleep(wait);
      backoff *= 2;
    }
    // Left claimed and attempted: the next run (or start-up) looks it up and finishes it.
    log(`tips: ${subscription.id} ${slot}: not delivered yet; will retry on the next run`);
    report.failed.push(subscription.id);
  }
}

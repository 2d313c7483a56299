import type { Lang } from '../core/lang';
import type { TipMessage } from '../core/reply/model';

export type { TipMessage };

/** A channel or chat that gets the weekly tip. */
export interface Subscription {
  /** Stable: "slack:<team>:<channel>" or "teams:<conversation id>". */
  id: string;
  platform: 'slack' | 'teams';
  /** Where to post: the Slack channel id, or the Teams conversation id (its stored reference). */
  target: string;
  lang: Lang;
  /** Where in the tip list this subscriber started: new subscribers do not all start at the first tip. */
  offset: number;
  /** How many tips it has received: the next is tips[(offset + cursor) % tips.length]. */
  cursor: number;
  /** ISO time it subscribed: slots before this are not owed to it. */
  since: string;
  source: 'command' | 'config';
  /**
   * Who typed `tips på`, in the platform's own id (Slack `U…`, Teams `29:…`): the one person told when the
   * subscription ends (Sofo removed, channel archived) instead of it ending in silence. Kept in clear
   * because posting to them needs it; kept only here, only for that, and gone with the subscription.
   */
  subscriber?: string;
  /**
   * Asked for where Sofo cannot post yet (a Slack channel it was not invited to): no tip is owed until
   * Sofo joins, which makes it a plain subscription from then on.
   */
  pending?: true;
}

/**
 * One tip for one subscriber in one slot. Recorded (claimed) before anything is posted, so a crash
 * leaves a trace, and completed after; the claim also keeps two runners from posting the same slot.
 */
export interface Delivery {
  subscriptionId: string;
  /** The slot's scheduled time, ISO (UTC): the cron time this tip belongs to. */
  slot: string;
  tipId: string;
  state: 'claimed' | 'sent' | 'failed';
  /** Who holds the claim (a runner id) and since when; a claim older than the lease may be taken over. */
  claimant: string;
  claimedAt: string;
  /** Set just before a post is attempted: without it, a crashed claim certainly posted nothing. */
  attemptedAt?: string;
  completedAt?: string;
}

/** What a platform said about a post. */
export type SendOutcome =
  | { ok: true }
  | { ok: false; kind: 'gone'; detail: string }
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number; detail: string }
  | { ok: false; kind: 'transient'; detail: string };

/** Posts tips to one platform; Slack and Teams each implement it. */
export interface TipSender {
  readonly platform: Subscription['platform'];
  /** `key` is unique per (subscriber, slot); senders attach it so a post can be found again. */
  send(subscription: Subscription, message: TipMessage, key: string): Promise<SendOutcome>;
  /** Whether a post with this key exists (after a crash between posting and recording); undefined: cannot tell. */
  wasSent(subscription: Subscription, key: string, since: Date): Promise<boolean | undefined>;
  /** Tells the subscriber that the subscription has ended and why; a platform that cannot omits it. */
  notifyEnded?(subscription: Subscription, detail: string): Promise<void>;
}

export interface TipStore {
  listSubscriptions(): Promise<Subscription[]>;
  /** Adds or re-activates a subscription (idempotent); returns it. */
  subscribe(input: Omit<Subscription, 'offset' | 'cursor'>, tipCount: number): Promise<Subscription>;
  unsubscribe(id: string): Promise<boolean>;
  /** Removes a person's platform id from the subscriptions they made (an erasure request); how many. */
  forgetSubscriber(platform: Subscription['platform'], userId: string): Promise<number>;
  getDelivery(subscriptionId: string, slot: string): Promise<Delivery | undefined>;
  listDeliveries(): Promise<Delivery[]>;
  /**
   * Atomically claims (subscription, slot): succeeds when there is no delivery yet, or an unfinished
   * one whose claim is older than `leaseMs`. Returns the delivery now held, or undefined.
   */
  claim(
    subscriptionId: string,
    slot: string,
    tipId: string,
    claimant: string,
    now: Date,
    leaseMs: number,
  ): Promise<Delivery | undefined>;
  /** Records that a post is being attempted (a time), or that the last attempt certainly failed (undefined). */
  markAttempt(subscriptionId: string, slot: string, at: Date | undefined): Promise<void>;
  /** Finishes a delivery; a sent one also moves the subscriber's rotation on. */
  complete(subscriptionId: string, slot: string, state: 'sent' | 'failed', now: Date): Promise<void>;
}

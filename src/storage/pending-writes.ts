import type { FeedbackRecord, Store } from './store';

/** How many votes wait in memory at most while the store is away; beyond it the oldest go (and are counted). */
const MAX_PENDING = 1_000;
const RETRY_MS = 5_000;

/**
 * Votes are written through this: when the store cannot be reached (the database is restarting), the
 * user still gets their answer and thank-you, the vote waits in memory and is written again every few
 * seconds. Nothing is dropped silently: the first failure, every vote that had to go, and the recovery
 * are logged, and /healthz reports the store as degraded with the number waiting.
 */
export class PendingWrites {
  private readonly queue: FeedbackRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  dropped = 0;

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
    private readonly retryMs = RETRY_MS,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  async addFeedback(record: FeedbackRecord): Promise<boolean> {
    try {
      return await this.store.addFeedback(record);
    } catch (error) {
      this.hold(record, error);
      return false;
    }
  }

  /** Tries the waiting writes again now (the timer does this by itself). */
  async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const next = this.queue[0] as FeedbackRecord;
      try {
        await this.store.addFeedback(next);
      } catch {
        this.schedule();
        return;
      }
      this.queue.shift();
    }
    if (this.failing) {
      this.failing = false;
      this.log('store: reachable again; every waiting vote is written');
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length > 0)
      this.log(`store: ${this.queue.length} votes could not be written before stopping`);
  }

  private hold(record: FeedbackRecord, error: unknown): void {
    if (!this.failing) {
      this.failing = true;
      this.log(`store: a vote could not be written (${(error as Error).message}); kept and tried again`);
    }
    this.queue.push(record);
    if (this.queue.length > MAX_PENDING) {
      this.queue.shift();
      this.dropped += 1;
      if (this.dropped === 1 || this.dropped % 100 === 0)
        this.log(`store: still unreachable; ${this.dropped} votes lost so far`);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.retryMs);
    this.timer.unref();
  }
}

/** The store with its votes written through `pending`; every other method is the store's own. */
export function withPendingVotes(store: Store, pending: PendingWrites): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'addFeedback') return (record: FeedbackRecord) => pending.addFeedback(record);
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type Health = {
  status: 'ok' | 'degraded';
  store: 'ok' | 'unreachable';
  pendingVotes: number;
};

/** What /healthz says about the store: answers go out either way, so a degraded store is still 200. */
export async function storeHealth(store: Store, pending: PendingWrites): Promise<Health> {
  const reachable = await store.ping().then(
    () => true,
    () => false,
  );
  const ok = reachable && pending.pending === 0;
  return {
    status: ok ? 'ok' : 'degraded',
    store: reachable ? 'ok' : 'unreachable',
    pendingVotes: pending.pending,
  };
}

/**
 * Remembers ids seen recently, so a platform's retry of the same event or activity is answered once.
 * Bounded in time and size: retries come within minutes (Slack: up to 5 min; Teams: ~15 s).
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is offered within the time window; false for a repeat. */
  firstTime(id: string): boolean {
    const now = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.set(id, now);
    if (this.seen.size > this.max) this.evict(now);
    return true;
  }

  private evict(now: number): void {
    for (const [id, at] of this.seen) {
      if (now - at >= this.ttlMs || this.seen.size > this.max) this.seen.delete(id);
      else break;
    }
  }
}

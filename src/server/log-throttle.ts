/**
 * At most one log line per period for one kind of event, however often it happens: a flood must not
 * become a flood of log. The line after a quiet period says how many were left out.
 */
export class LogThrottle {
  private last = Number.NEGATIVE_INFINITY;
  private skipped = 0;

  constructor(
    private readonly periodMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Calls `write` with the number left out since the last line, or does nothing within the period. */
  run(write: (skipped: number) => void): void {
    const now = this.clock();
    if (now - this.last < this.periodMs) {
      this.skipped += 1;
      return;
    }
    const skipped = this.skipped;
    this.last = now;
    this.skipped = 0;
    write(skipped);
  }
}

import { Cron } from 'croner';

/**
 * The tip schedule: a cron expression in a time zone (default every Monday 09:00, Stockholm time).
 * A slot is one scheduled instant; its ISO time (UTC) names it in the store.
 */
export class TipSchedule {
  private readonly cron: Cron;

  constructor(
    readonly pattern: string,
    readonly timezone: string,
  ) {
    // Paused: this instance only computes times; the scheduler runs its own job.
    this.cron = new Cron(pattern, { timezone, paused: true });
  }

  /** The latest slot at or before `now`, if the schedule has one. */
  latest(now: Date): string | undefined {
    const [previous] = this.cron.previousRuns(1, new Date(now.getTime() + 1));
    return previous?.toISOString();
  }

  /** The last `count` slots at or before `now`, oldest first. */
  recent(now: Date, count: number): string[] {
    return this.cron
      .previousRuns(count, new Date(now.getTime() + 1))
      .map((d) => d.toISOString())
      .reverse();
  }

  /** The shortest gap between slots around `now` (a cron may be irregular; the shortest one counts). */
  periodMs(now: Date): number {
    const times = [...this.cron.previousRuns(2, now), ...this.cron.nextRuns(2, now)].map((d) => d.getTime());
    times.sort((a, b) => a - b);
    let shortest = Number.POSITIVE_INFINITY;
    for (let i = 1; i < times.length; i++)
      shortest = Math.min(shortest, (times[i] ?? 0) - (times[i - 1] ?? 0));
    return shortest;
  }

  next(after: Date): Date | undefined {
    return this.cron.nextRun(after) ?? undefined;
  }
}

/**
 * How long a tip claim protects a delivery in progress: half the shortest gap between slots, between
 * 30 s and 10 min. Shorter than the period, a crashed claim is taken over and repaired by the next
 * slot's run at the latest, even with a one-minute schedule.
 */
export function leaseFor(periodMs: number): number {
  return Math.max(30_000, Math.min(10 * 60_000, Math.floor(periodMs / 2)));
}

/** Validates a cron expression and time zone; the message names what is wrong. */
export function checkSchedule(pattern: string, timezone: string): string | undefined {
  try {
    new Cron(pattern, { timezone, paused: true }).nextRun();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

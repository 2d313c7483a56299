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

  next(after: Date): Date | undefined {
    return this.cron.nextRun(after) ?? undefined;
  }
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

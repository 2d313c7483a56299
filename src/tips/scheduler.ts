import { Cron } from 'croner';
import type { SlotReport, TipRunner } from './runner';
import type { TipSchedule } from './slots';

export interface SchedulerDeps {
  schedule: TipSchedule;
  runner: TipRunner;
  now: () => Date;
  log: (line: string) => void;
}

/** How often the latest slots are looked at again, to finish deliveries a failure or crash left open. */
const RECONCILE_EVERY = '*/5 * * * *';
/** How many slots back a crashed delivery is still repaired (its tip posted, or found posted). */
const REPAIR_SLOTS = 3;

/**
 * Runs the tip slots: each cron time delivers that slot; at start-up and every few minutes the latest
 * slot is reconciled, so a slot missed while Sofo was down is posted once when it is back (only the
 * latest, never a backlog), and unfinished deliveries are finished. The runner's claims make every
 * one of these safe to repeat.
 */
export class TipScheduler {
  private jobs: Cron[] = [];
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SchedulerDeps) {}

  async start(): Promise<void> {
    const { schedule } = this.deps;
    this.jobs = [
      new Cron(schedule.pattern, { timezone: schedule.timezone, protect: true }, () => this.reconcile()),
      new Cron(RECONCILE_EVERY, { protect: true }, () => this.reconcile()),
    ];
    await this.reconcile();
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
  }

  /** Delivers the latest slot to everyone it is owed to; repeated calls post nothing twice. */
  reconcile(): Promise<void> {
    // One pass at a time in this process; other processes are kept out by the store's claims.
    this.running = this.running.then(async () => {
      const slots = this.deps.schedule.recent(this.deps.now(), REPAIR_SLOTS);
      const slot = slots.pop();
      if (!slot) return;
      try {
        // Oldest first: a crash's open delivery is finished before the next slot's tip is chosen.
        for (const earlier of slots) this.log(await this.deps.runner.repairSlot(earlier));
        this.log(await this.deps.runner.runSlot(slot));
      } catch (error) {
        this.deps.log(`tips: slot ${slot} failed: ${(error as Error).message}`);
      }
    });
    return this.running;
  }

  private log(report: SlotReport): void {
    if (report.sent.length + report.ended.length + report.failed.length > 0) {
      this.deps.log(
        `tips: slot ${report.slot}: sent ${report.sent.length}, ended ${report.ended.length}, not yet ${report.failed.length}`,
      );
    }
  }
}

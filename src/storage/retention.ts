import { Cron } from 'croner';
import type { PurgeReport, Store } from './store';

const DAY_MS = 24 * 60 * 60_000;

/** The cut-off for data kept `days` days. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Deletes what is older than the retention period: once at start, then every night. Votes (and the
 * editors' inbox) are kept SOFO_RETENTION_DAYS, processed event ids an hour. A failed run is logged and
 * tried again the next night; nothing else depends on it.
 */
export function startRetention(
  store: Store,
  days: number,
  now: () => Date,
  log: (line: string) => void,
): { stop(): void; run(): Promise<PurgeReport | undefined> } {
  const run = async (): Promise<PurgeReport | undefined> => {
    try {
      const report = await store.purge(retentionCutoff(now(), days), now());
      if (report.votes + report.deliveries > 0) {
        log(
          `store: deleted ${report.votes} votes and ${report.deliveries} tip deliveries older than ${days} days`,
        );
      }
      return report;
    } catch (error) {
      log(`store: the daily clean-up failed (${(error as Error).message}); it runs again tomorrow`);
      return undefined;
    }
  };
  // 03:17 local time: away from the hour, when nobody is asking.
  const job = new Cron('17 3 * * *', { protect: true }, () => void run());
  void run();
  return { stop: () => job.stop(), run };
}

import type { Store } from '../../storage/store';
import { RecentIds } from './recent-ids';

/** Decides which delivery of a platform event or activity is answered: exactly one, anywhere. */
export interface EventClaims {
  /** True for the first delivery of this id (across restarts and instances); false for a repeat. */
  firstTime(id: string): Promise<boolean>;
}

/**
 * Claims ids in the store, so a retry after a restart or delivered to another instance is not answered
 * twice. A repeat to this same process is caught in memory first, without a store round trip. When the
 * store cannot be reached the event is answered anyway: an answer given twice is better than none.
 */
export function storeClaims(store: Store, now: () => Date, log: (line: string) => void): EventClaims {
  const recent = new RecentIds();
  let reported = 0;
  return {
    async firstTime(id) {
      if (!recent.firstTime(id)) return false;
      try {
        return await store.claimEvent(id, now());
      } catch (error) {
        // One line a minute at most: an outage would otherwise log every message.
        if (Date.now() - reported > 60_000) {
          reported = Date.now();
          log(`store: cannot claim events (${(error as Error).message}); answering without the check`);
        }
        return true;
      }
    },
  };
}

/** Only in this process (tests that need no store, and the memory store's own behaviour). */
export function memoryClaims(): EventClaims {
  const recent = new RecentIds();
  return { firstTime: async (id) => recent.firstTime(id) };
}

import type { Engine } from '../../core/engine';
import type { Store } from '../../storage/store';
import type { RecentIds } from './recent-ids';

/** What every channel's handlers need, passed in (tests pass a memory store and a fixed clock). */
export interface ChannelDeps {
  engine: Engine;
  store: Store;
  log: (line: string) => void;
  now: () => Date;
  /** Event and activity ids already answered: platforms deliver again what they think was lost. */
  seen: RecentIds;
}

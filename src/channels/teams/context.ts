import type { Engine } from '../../core/engine';
import type { Store } from '../../storage/store';
import type { RecentIds } from '../shared/recent-ids';

/** What every Teams handler needs, passed in (tests pass a memory store and a fixed clock). */
export interface TeamsDeps {
  engine: Engine;
  store: Store;
  log: (line: string) => void;
  now: () => Date;
  seen: RecentIds;
}

import type { Engine } from '../../core/engine';
import type { Store } from '../../storage/store';
import type { RecentIds } from '../shared/recent-ids';

/** What every Slack listener needs, passed in (tests pass a memory store and a fixed clock). */
export interface SlackDeps {
  engine: Engine;
  store: Store;
  log: (line: string) => void;
  now: () => Date;
  seen: RecentIds;
}

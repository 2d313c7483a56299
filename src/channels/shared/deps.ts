import type { Pseudonymize } from '../../storage/pseudonym';
import type { Store } from '../../storage/store';
import type { Answers } from './answers';
import type { EventClaims } from './claims';

/** What every channel's handlers need, passed in (tests pass a memory store and a fixed clock). */
export interface ChannelDeps {
  /** The live engine, as this channel sees it (its questions are counted for the editors). */
  engine: Answers;
  store: Store;
  log: (line: string) => void;
  now: () => Date;
  /** Event and activity ids already answered: platforms deliver again what they think was lost. */
  seen: EventClaims;
  /** Platform user id → pseudonym (keyed; the key is not in the store). */
  pseudonymize: Pseudonymize;
}

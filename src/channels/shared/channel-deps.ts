import type { Engine } from '../../core/engine';
import { Recorder } from '../../inbox/recorder';
import { synonymCanonical } from '../../inbox/synonym-key';
import type { Pseudonymize } from '../../storage/pseudonym';
import type { Platform, Store } from '../../storage/store';
import { answersFor } from './answers';
import { storeClaims } from './claims';
import type { ChannelDeps } from './deps';
import { withVotesRecorded } from './vote-recording';

export interface SharedDeps {
  /** The live engine (a reload swaps what this returns). */
  engine: () => Engine;
  store: Store;
  log: (line: string) => void;
  now: () => Date;
  pseudonymize: Pseudonymize;
}

/**
 * Every channel's deps from one place: the same store, clock and answered-ids memory, and the one
 * recorder through which every channel's questions and votes reach the editors' inbox and dashboard.
 */
export function channelDeps(shared: SharedDeps): {
  recorder: Recorder;
  forChannel(c: Platform): ChannelDeps;
} {
  const recorder = new Recorder({
    store: shared.store,
    now: shared.now,
    log: shared.log,
    canonical: () => synonymCanonical(shared.engine().kb),
  });
  const store = withVotesRecorded(shared.store, recorder, shared.engine);
  // Claimed in the store (not the recording proxy): a retry after a restart or on another instance.
  const seen = storeClaims(shared.store, shared.now, shared.log);
  return {
    recorder,
    forChannel: (channel) => ({
      engine: answersFor(channel, shared.engine, recorder),
      store,
      log: shared.log,
      now: shared.now,
      seen,
      pseudonymize: shared.pseudonymize,
    }),
  };
}

import type { Engine } from '../../core/engine';
import { Recorder } from '../../inbox/recorder';
import type { Platform, Store } from '../../storage/store';
import { answersFor } from './answers';
import type { ChannelDeps } from './deps';
import { RecentIds } from './recent-ids';
import { withVotesRecorded } from './vote-recording';

export interface SharedDeps {
  /** The live engine (a reload swaps what this returns). */
  engine: () => Engine;
  store: Store;
  log: (line: string) => void;
  now: () => Date;
}

/**
 * Every channel's deps from one place: the same store, clock and answered-ids memory, and the one
 * recorder through which every channel's questions and votes reach the editors' inbox and dashboard.
 */
export function channelDeps(shared: SharedDeps): {
  recorder: Recorder;
  forChannel(c: Platform): ChannelDeps;
} {
  const recorder = new Recorder({ store: shared.store, now: shared.now, log: shared.log });
  const store = withVotesRecorded(shared.store, recorder, shared.engine);
  const seen = new RecentIds();
  return {
    recorder,
    forChannel: (channel) => ({
      engine: answersFor(channel, shared.engine, recorder),
      store,
      log: shared.log,
      now: shared.now,
      seen,
    }),
  };
}

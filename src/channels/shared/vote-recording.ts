import type { Engine } from '../../core/engine';
import type { Recorder } from '../../inbox/recorder';
import type { Store } from '../../storage/store';

/**
 * The store as channels get it: every vote stored through it is also counted, and a 👎 lands in the
 * editors' inbox, whichever channel it came from. Every other method is the store's own; a Proxy keeps
 * that true as the Store contract grows, without a wrapper to update for each new method.
 */
export function withVotesRecorded(store: Store, recorder: Recorder, engine: () => Engine): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'addFeedback') {
        return async (record: Parameters<Store['addFeedback']>[0]) => {
          await target.addFeedback(record);
          // The vote carries no language or candidates: the question, asked again, gives them.
          recorder.voted(record, record.question ? engine().ask(record.question) : undefined);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

import type { TipsCommand } from './command';
import { TIPS_REPLIES } from './command';
import type { Subscription, TipStore } from './model';

/**
 * `tips på` / `tips av` / `tips`, the same in every channel: subscribes, unsubscribes or tells the
 * state, and returns what to answer.
 */
export async function applyTipsCommand(
  store: TipStore,
  command: TipsCommand,
  target: Pick<Subscription, 'id' | 'platform' | 'target'>,
  tipCount: number,
  now: Date,
): Promise<string> {
  const { lang } = command;
  switch (command.action) {
    case 'on':
      await store.subscribe({ ...target, lang, since: now.toISOString(), source: 'command' }, tipCount);
      return TIPS_REPLIES.on[lang];
    case 'off':
      await store.unsubscribe(target.id);
      return TIPS_REPLIES.off[lang];
    case 'status': {
      const subscribed = (await store.listSubscriptions()).some((s) => s.id === target.id);
      return (subscribed ? TIPS_REPLIES.statusOn : TIPS_REPLIES.statusOff)[lang];
    }
  }
}

import type { TipsCommand } from './command';
import { TIPS_REPLIES } from './command';
import type { Subscription, TipStore } from './model';

/**
 * `tips på` / `tips av` / `tips`, the same in every channel: subscribes, unsubscribes or tells the
 * state, and returns what to answer. `prefix` is how the platform's users type the command (Slack:
 * `/sofo `), so the answer names a command that works there; `chat` says it of a personal chat.
 */
export async function applyTipsCommand(
  store: TipStore,
  command: TipsCommand,
  target: Pick<Subscription, 'id' | 'platform' | 'target' | 'subscriber' | 'pending'>,
  tipCount: number,
  now: Date,
  options: { prefix?: string; chat?: boolean } = {},
): Promise<string> {
  const { lang } = command;
  const say = (text: string) => {
    const typed = withPrefix(text, options.prefix ?? '');
    return options.chat ? inChat(typed) : typed;
  };
  switch (command.action) {
    case 'on':
      await store.subscribe(
        {
          id: target.id,
          platform: target.platform,
          target: target.target,
          ...(target.subscriber ? { subscriber: target.subscriber } : {}),
          ...(target.pending ? { pending: true as const } : {}),
          lang,
          since: now.toISOString(),
          source: 'command',
        },
        tipCount,
      );
      return say((target.pending ? TIPS_REPLIES.pending : TIPS_REPLIES.on)[lang]);
    case 'off':
      await store.unsubscribe(target.id);
      return say(TIPS_REPLIES.off[lang]);
    case 'status': {
      const found = (await store.listSubscriptions()).find((s) => s.id === target.id);
      const state = !found
        ? TIPS_REPLIES.statusOff
        : found.pending
          ? TIPS_REPLIES.pending
          : TIPS_REPLIES.statusOn;
      return say(state[lang]);
    }
  }
}

/** A personal chat is not a channel: the same answer, said of "this chat". */
function inChat(text: string): string {
  return text.replace(/(d|D)en här kanalen/g, '$1en här chatten').replace(/(t|T)his channel/g, '$1his chat');
}

/** "`tips av`" as the platform's users type it: "`/sofo tips av`" in Slack. */
export function withPrefix(text: string, prefix: string): string {
  return prefix ? text.replaceAll('`tips', `\`${prefix}tips`) : text;
}

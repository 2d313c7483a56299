import type { Lang } from '../core/lang';
import { fold, tokenize } from '../core/text/tokenize';

export type TipsCommand = { action: 'on' | 'off' | 'status'; lang: Lang };

const ON = { pa: 'sv', on: 'en', start: 'en', starta: 'sv' } as const;
const OFF = { av: 'sv', off: 'en', stop: 'en', stoppa: 'sv' } as const;

/**
 * "tips på", "tips av", "tips on", "tips off", "tips": the subscription command, the same words in Slack
 * (`/sofo tips på`) and Teams (`tips på`). Anything else is not a tips command.
 */
export function parseTipsCommand(text: string): TipsCommand | undefined {
  const [first, second, ...rest] = tokenize(text).map(fold);
  if (first !== 'tips' || rest.length > 0) return undefined;
  if (second === undefined) return { action: 'status', lang: 'sv' };
  if (second in ON) return { action: 'on', lang: ON[second as keyof typeof ON] };
  if (second in OFF) return { action: 'off', lang: OFF[second as keyof typeof OFF] };
  return undefined;
}

export const TIPS_REPLIES = {
  on: {
    sv: 'Klart! Den här kanalen får veckans tips om att köpa av sociala företag. Stäng av med `tips av`.',
    en: 'Done! This channel will get the weekly tip on buying from social enterprises. Turn it off with `tips off`.',
  },
  off: {
    sv: 'Veckans tips är avstängda för den här kanalen. Slå på igen med `tips på`.',
    en: 'The weekly tips are off for this channel. Turn them on again with `tips on`.',
  },
  statusOn: {
    sv: 'Den här kanalen får veckans tips. Stäng av med `tips av`.',
    en: 'This channel gets the weekly tip. Turn it off with `tips off`.',
  },
  statusOff: {
    sv: 'Den här kanalen får inga tips. Slå på med `tips på`.',
    en: 'This channel gets no tips. Turn them on with `tips on`.',
  },
  /** Sofo is not in the channel yet: it cannot post there until someone invites it. */
  pending: {
    sv: 'Jag är inte med i den här kanalen än, så jag kan inte posta här. Bjud in mig med `/invite @Sofo`, så slår jag på veckans tips så fort jag är med.',
    en: "I'm not in this channel yet, so I can't post here. Invite me with `/invite @Sofo` and I'll turn on the weekly tip as soon as I'm in.",
  },
  /** A conversation Sofo can never join (a DM or group DM between other people). */
  impossible: {
    sv: 'Hit kan jag inte skicka tips: jag kan inte vara med i ett privat samtal mellan andra. Slå på veckans tips i en kanal med `tips på`, eller i din chatt med mig.',
    en: "I can't send tips here: I can't take part in a private conversation between other people. Turn on the weekly tip in a channel with `tips on`, or in your chat with me.",
  },
  /** Sofo has just joined the channel where someone asked for tips. */
  joined: {
    sv: 'Tack för inbjudan! Den här kanalen får nu veckans tips om att köpa av sociala företag. Stäng av med `tips av`.',
    en: 'Thanks for the invite! This channel now gets the weekly tip on buying from social enterprises. Turn it off with `tips off`.',
  },
  /** To the subscriber, when Sofo can no longer post to the channel. */
  ended: {
    sv: 'Veckans tips till {where} har slutat: jag kan inte längre posta där (jag har tagits bort, eller kanalen är arkiverad). Bjud in mig igen och slå på dem med `tips på`.',
    en: 'The weekly tips to {where} have stopped: I can no longer post there (I was removed, or the channel is archived). Invite me again and turn them on with `tips on`.',
  },
} as const;

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
} as const;

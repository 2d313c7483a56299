import type { Lang } from '../../core/lang';
import type { Vote } from '../../storage/store';

/**
 * What Sofo's card buttons carry. Teams hands the `data` back unchanged: as a message's `value` for
 * Action.Submit, as `value.action.data` for Action.Execute. Anything else there is not ours.
 */

/** How the reply on a card was made, so that a click can make the same reply again to update it. */
export type Via = 'ask' | 'contacts' | 'entry';

export type CardData =
  | { action: 'choose'; id: string; lang: Lang; q: string }
  | { action: 'feedback'; vote: Vote; id: string; lang: Lang; q: string; via: Via };

/** Enough of the question for editors to read it next to a vote, and small enough for a card. */
const MAX_QUESTION = 500;

export function chooseData(id: string, lang: Lang, q: string): CardData {
  return { action: 'choose', id, lang, q: q.slice(0, MAX_QUESTION) };
}

export function feedbackData(vote: Vote, id: string, lang: Lang, q: string, via: Via): CardData {
  return { action: 'feedback', vote, id, lang, q: q.slice(0, MAX_QUESTION), via };
}

/** Reads a button's data; undefined for anything that is not one of ours (never throws). */
export function readCardData(value: unknown): CardData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '' || typeof v.q !== 'string') return undefined;
  if (v.lang !== 'sv' && v.lang !== 'en') return undefined;
  if (v.action === 'choose') return { action: 'choose', id: v.id, lang: v.lang, q: v.q };
  if (v.action === 'feedback' && (v.vote === 'up' || v.vote === 'down') && isVia(v.via)) {
    return { action: 'feedback', vote: v.vote, id: v.id, lang: v.lang, q: v.q, via: v.via };
  }
  return undefined;
}

function isVia(value: unknown): value is Via {
  return value === 'ask' || value === 'contacts' || value === 'entry';
}

import type { Lang } from '../../core/lang';

/** Action ids of Sofo's buttons. Several buttons in one block need distinct ids, hence the suffixes. */
export const ACTIONS = {
  feedback: /^sofo_feedback_(up|down)$/,
  choose: /^sofo_choose:\d+$/,
  share: 'sofo_share',
  link: /^sofo_link:\d+$/,
} as const;

/** What a button carries: which entry, in which language, for which question. */
export interface ButtonValue {
  id: string;
  lang: Lang;
  /** The question as asked, cut short (a button value holds at most 2000 characters). */
  q: string;
}

const MAX_QUESTION_IN_VALUE = 500;

export function encodeValue(value: ButtonValue): string {
  return JSON.stringify({ ...value, q: value.q.slice(0, MAX_QUESTION_IN_VALUE) });
}

/** Parses a button value; undefined for anything that is not one of ours (never throws). */
export function decodeValue(raw: string | undefined): ButtonValue | undefined {
  try {
    const v = JSON.parse(raw ?? '') as Partial<ButtonValue>;
    if (typeof v.id === 'string' && (v.lang === 'sv' || v.lang === 'en') && typeof v.q === 'string') {
      return { id: v.id, lang: v.lang, q: v.q };
    }
  } catch {
    // Not JSON: someone else's button, or a forged payload.
  }
  return undefined;
}

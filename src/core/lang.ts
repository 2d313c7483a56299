/** The two languages Sofo reads and answers in. Swedish comes first everywhere. */
export const LANGS = ['sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text that exists in both languages; the knowledge files require both. */
export type Bilingual<T = string> = Record<Lang, T>;

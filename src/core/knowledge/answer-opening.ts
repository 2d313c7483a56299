import { LANGS, type Lang } from '../lang';
import type { Entry } from './model';
import type { Problem } from './problems';

/**
 * A yes or a no as the first word, bold or not, followed by punctuation: "Ja.", "**Nej**,", "Yes!".
 * "Ingen …" or "Nobody …" are not matched: they begin a sentence, not a verdict.
 */
const VERDICT = /^[\s*_]*(ja|jo|nej|yes|no)[\s*_]*[.,!:;–—-]/i;

const LANGUAGE: Record<Lang, string> = { sv: 'Swedish', en: 'English' };

/**
 * `sofo kb check`: an answer must not open with "Ja."/"Nej."/"Yes."/"No.". One text answers every
 * question that reaches it, "Är det tillåtet …?" and "Är det förbjudet …?" alike, so a verdict is
 * wrong for half of them; the fact itself is right for all.
 */
export function answerOpeningProblems(entries: readonly Entry[]): Problem[] {
  return entries.flatMap((entry) =>
    LANGS.flatMap((lang): Problem[] => {
      const verdict = VERDICT.exec(entry.text[lang])?.[1];
      if (!verdict) return [];
      return [
        {
          file: entry.file,
          field: `## ${lang}`,
          message:
            `the ${LANGUAGE[lang]} answer opens with "${verdict}": the same text answers questions asked ` +
            `both ways ("är det tillåtet …?", "är det förbjudet …?"), so start with the fact instead, ` +
            `e.g. "Enligt guiden …" / "According to the guide …"`,
        },
      ];
    }),
  );
}

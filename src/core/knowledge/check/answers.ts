import { LANGS, type Lang } from '../../lang';
import type { KnowledgeBase } from '../model';
import type { Finding } from './finding';
import type { Locator } from './locate';

/**
 * How long an answer may be. A chat answer is read on a phone, between other messages: about 600
 * characters (2–5 sentences) reads well; over 1,000 it fills the screen and Teams starts to fold it.
 */
export const ANSWER_CHARS = { advised: 600, max: 1000 } as const;
/** Fewer phrasings than this per language, and people's own words often miss the entry. */
export const ADVISED_QUESTIONS = 5;

const LANGUAGE = { sv: { sv: 'svenska', en: 'Swedish' }, en: { sv: 'engelska', en: 'English' } } as const;
// Thousands grouped as Swedish writes them, with a plain space (terminals and logs show it as it is).
const count = (n: number) => n.toLocaleString('sv-SE').replace(/\s/g, ' ');

export function checkAnswers(kb: KnowledgeBase, locate: Locator): Finding[] {
  return kb.entries.flatMap((entry) =>
    LANGS.flatMap((lang: Lang): Finding[] => {
      const findings: Finding[] = [];
      const length = entry.text[lang].length;
      const heading = locate.lineWhere(entry.file, (l) =>
        new RegExp(`^##\\s+${lang}\\s*$`, 'i').test(l.trim()),
      );
      const where = {
        file: entry.file,
        ...(heading !== undefined ? { line: heading } : {}),
        field: `## ${lang}`,
      };
      if (length > ANSWER_CHARS.advised) {
        const error = length > ANSWER_CHARS.max;
        findings.push({
          severity: error ? 'error' : 'warning',
          ...where,
          sv: `svaret på ${LANGUAGE[lang].sv} är ${count(length)} tecken; ${error ? `högst ${count(ANSWER_CHARS.max)} får plats i ett chattsvar` : `sikta på högst ${ANSWER_CHARS.advised}`} – korta det till 2–5 meningar och lägg resten i en länk eller ett eget svar`,
          en: `the ${LANGUAGE[lang].en} answer is ${length} characters; ${error ? `at most ${ANSWER_CHARS.max} fit a chat message` : `aim for at most ${ANSWER_CHARS.advised}`} – cut it to 2–5 sentences and put the rest in a link or an entry of its own`,
        });
      }
      const questions = entry.questions[lang].length;
      if (questions < ADVISED_QUESTIONS) {
        const line = locate.line(entry.file, ['questions', lang]);
        findings.push({
          severity: 'warning',
          file: entry.file,
          ...(line !== undefined ? { line } : {}),
          field: `questions.${lang}`,
          sv: `bara ${questions} ${questions === 1 ? 'fråga' : 'frågor'} på ${LANGUAGE[lang].sv} – skriv gärna 10–15, med de ord användarna själva skulle använda`,
          en: `only ${questions} ${questions === 1 ? 'question' : 'questions'} in ${LANGUAGE[lang].en} – 10–15 are better, in the words users would use`,
        });
      }
      return findings;
    }),
  );
}

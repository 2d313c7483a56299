import { stringify } from 'yaml';
import type { Bilingual } from '../core/lang';

/** A file name and an id from a question: a–z, digits and dashes, short. */
export function slugOf(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'fraga';
}

/**
 * A new entry for an editor to complete, with the inbox questions as its questions. It is written
 * outside knowledge/ (a half-written entry there would stop the knowledge base from loading); the
 * comment at its top says what to do with it.
 */
export function draftEntry(id: string, questions: Bilingual<readonly string[]>, date: string): string {
  const front = stringify(
    {
      id,
      type: 'guide',
      title: { sv: 'SKRIV RUBRIKEN HÄR', en: 'WRITE THE TITLE HERE' },
      questions: {
        sv: questions.sv.length > 0 ? [...questions.sv] : ['SKRIV EN FRÅGA PÅ SVENSKA'],
        en: questions.en.length > 0 ? [...questions.en] : ['WRITE A QUESTION IN ENGLISH'],
      },
      keywords: { sv: [], en: [] },
      contacts: [],
      links: [],
    },
    { lineWidth: 0 },
  );
  return [
    '---',
    `# Utkast från Sofos inkorg ${date}. Skriv rubrik, svar och gärna fler frågor, välj rätt type,`,
    '# flytta sedan filen till rätt mapp i knowledge/ och kör: npx sofo kb check',
    `# Draft from Sofo's inbox ${date}: write the title and answers, move it into knowledge/, run kb check.`,
    front.trimEnd(),
    '---',
    '',
    '## sv',
    '',
    'SKRIV SVARET HÄR: 2–5 meningar, bara det som står i guiden.',
    '',
    '## en',
    '',
    'WRITE THE ANSWER HERE: 2–5 sentences, only what the guide says.',
    '',
  ].join('\n');
}

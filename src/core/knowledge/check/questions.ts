import { LANGS, type Lang } from '../../lang';
import type { Entry, KnowledgeBase } from '../model';
import type { Finding } from './finding';
import type { Locator } from './locate';

/** What kb check needs of the engine: which reply a question gets. */
export type Ask = (
  text: string,
  lang: Lang,
) => { kind: string; id: string; alternatives: readonly { id: string }[] };

/** Case, spaces and end punctuation do not make two questions different. */
function normalise(question: string): string {
  return question
    .normalize('NFC')
    .toLowerCase()
    .replace(/[?!.,;:"”“'’]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface QuestionAt {
  entry: Entry;
  lang: Lang;
  index: number;
  text: string;
}

function allQuestions(kb: KnowledgeBase): QuestionAt[] {
  return kb.entries.flatMap((entry) =>
    LANGS.flatMap((lang) => entry.questions[lang].map((text, index) => ({ entry, lang, index, text }))),
  );
}

function place(q: QuestionAt, locate: Locator): Pick<Finding, 'file' | 'line' | 'field'> {
  const line = locate.line(q.entry.file, ['questions', q.lang, q.index]);
  return {
    file: q.entry.file,
    ...(line !== undefined ? { line } : {}),
    field: `questions.${q.lang}[${q.index}]`,
  };
}

/** The same question in two entries: whichever Sofo picks, the other entry's editor is surprised. */
export function checkDuplicateQuestions(kb: KnowledgeBase, locate: Locator): Finding[] {
  const first = new Map<string, QuestionAt>();
  const findings: Finding[] = [];
  for (const q of allQuestions(kb)) {
    const key = `${q.lang}:${normalise(q.text)}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, q);
      continue;
    }
    const there = place(earlier, locate);
    const at = there.line !== undefined ? `${there.file}:${there.line}` : there.file;
    const same = earlier.entry === q.entry;
    findings.push({
      severity: same ? 'warning' : 'error',
      ...place(q, locate),
      sv: same
        ? `"${q.text}" står redan på rad ${there.line ?? '?'} i samma fil – ta bort den ena`
        : `"${q.text}" finns redan i ${at} (${earlier.entry.id}) – en fråga får bara höra till ett svar: ta bort den här eller den andra`,
      en: same
        ? `"${q.text}" is already on line ${there.line ?? '?'} of this file – remove one of them`
        : `"${q.text}" is already in ${at} (${earlier.entry.id}) – a question belongs to one entry only: remove this one or the other`,
    });
  }
  return findings;
}

/**
 * An entry whose own example question Sofo answers with another entry contradicts itself: users who
 * ask just that get the other answer. A clarify or any other reply is a warning (it may be fine).
 */
export function checkOwnQuestions(kb: KnowledgeBase, ask: Ask, locate: Locator): Finding[] {
  const files = new Map(kb.entries.map((e) => [e.id, e.file]));
  return allQuestions(kb).flatMap((q): Finding[] => {
    const reply = ask(q.text, q.lang);
    if (reply.id === q.entry.id) return [];
    const other = files.get(reply.id);
    if (reply.kind === 'answer' && other) {
      return [
        {
          severity: 'error',
          ...place(q, locate),
          sv: `Sofo svarar på "${q.text}" med ${reply.id} (${other}), inte med det här svaret – skriv frågan så att den bara passar det här svaret, eller flytta den till ${other}`,
          en: `Sofo answers "${q.text}" with ${reply.id} (${other}), not with this entry – word the question so it fits only this entry, or move it to ${other}`,
        },
      ];
    }
    const among = reply.alternatives.some((a) => a.id === q.entry.id);
    const what =
      reply.kind === 'clarify'
        ? {
            sv: `frågar tillbaka mellan ${reply.alternatives.map((a) => a.id).join(', ')}${among ? '' : ' (det här svaret är inte med)'}`,
            en: `asks back between ${reply.alternatives.map((a) => a.id).join(', ')}${among ? '' : ' (this entry is not among them)'}`,
          }
        : { sv: `svarar med ${reply.kind} "${reply.id}"`, en: `replies with ${reply.kind} "${reply.id}"` };
    return [
      {
        severity: 'warning',
        ...place(q, locate),
        sv: `Sofo ${what.sv} på "${q.text}", i stället för att svara med det här svaret – gör frågan tydligare eller lägg till nyckelord`,
        en: `to "${q.text}" Sofo ${what.en} instead of this entry – make the question clearer or add keywords`,
      },
    ];
  });
}

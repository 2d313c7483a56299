import { LANGS, type Lang } from '../lang';
import type { EntryType, KnowledgeBase } from './model';

/** One entry in one language, flat: what `sofo kb export --json` prints and the bench's peers train on. */
export interface ExportRow {
  id: string;
  type: EntryType;
  title: string;
  questions: string[];
  text: string;
  lang: Lang;
}

export function exportEntries(kb: KnowledgeBase): ExportRow[] {
  return kb.entries.flatMap((e) =>
    LANGS.map((lang) => ({
      id: e.id,
      type: e.type,
      title: e.title[lang],
      questions: e.questions[lang],
      text: e.text[lang],
      lang,
    })),
  );
}

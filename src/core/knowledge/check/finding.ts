import type { Lang } from '../../lang';

/** An error must be fixed (kb check fails); a warning may pass (kb check says it, and succeeds). */
export type Severity = 'error' | 'warning';

/** One thing kb check says about the knowledge, in both languages, with where and what to do. */
export interface Finding {
  severity: Severity;
  file: string;
  line?: number;
  field?: string;
  sv: string;
  en: string;
}

const LABEL: Record<Lang, Record<Severity | 'line', string>> = {
  sv: { error: 'FEL', warning: 'VARNING', line: 'rad' },
  en: { error: 'ERROR', warning: 'WARNING', line: 'line' },
};

/** "knowledge/contacts.yaml, rad 12: FEL: …": words an editor reads, the file as the editor finds it. */
export function formatFinding(f: Finding, lang: Lang): string {
  const where = f.line !== undefined ? `${f.file}, ${LABEL[lang].line} ${f.line}` : f.file;
  return `${where}: ${LABEL[lang][f.severity]}: ${f.field ? `${f.field}: ` : ''}${f[lang]}`;
}

/** Errors first, then by file and line: the order an editor fixes them in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(a.severity === 'warning') - Number(b.severity === 'warning') ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

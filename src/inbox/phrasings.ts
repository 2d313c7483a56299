import { isSeq, parseDocument, stringify, type YAMLSeq } from 'yaml';
import type { Bilingual, Lang } from '../core/lang';

const FRONT_MATTER = /^(---\r?\n)([\s\S]*?\r?\n)(---(?:\r?\n|$)[\s\S]*)$/;

export class EntryFileError extends Error {}

/**
 * An entry file with questions added to its `questions:` lists, and not one other byte changed. The
 * YAML is parsed to find where each list ends, and the new items are written into the text there, in
 * the list's own style (a `- ` line with the same indentation, or `, item` before a flow list's `]`):
 * re-printing the whole document would re-space the editor's aligned comments. The result is parsed
 * again and must hold exactly the old questions plus the new ones.
 */
export function withQuestions(raw: string, add: Bilingual<readonly string[]>): string {
  const parts = FRONT_MATTER.exec(raw);
  if (!parts) throw new EntryFileError('has no front matter between two "---" lines');
  const [, open, yaml, rest] = parts as unknown as [string, string, string, string];
  let text = yaml;
  for (const lang of ['sv', 'en'] as Lang[]) {
    if (add[lang].length > 0) text = appendTo(text, lang, add[lang]);
  }
  check(yaml, text, add);
  return `${open}${text}${rest}`;
}

function appendTo(yaml: string, lang: Lang, questions: readonly string[]): string {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) throw new EntryFileError(`its YAML cannot be read: ${doc.errors[0]?.message}`);
  const list = doc.getIn(['questions', lang], true);
  const last = isSeq(list) ? (list as YAMLSeq).items.at(-1) : undefined;
  const lastRange = (last as { range?: [number, number, number] } | undefined)?.range;
  if (!isSeq(list) || !list.range || !lastRange) {
    // No list to extend in place (none yet, or empty): let yaml write one.
    if (!isSeq(list)) doc.setIn(['questions', lang], doc.createNode([...questions]));
    else for (const q of questions) list.items.push(doc.createNode(q));
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  if (list.flow) {
    const close = yaml.lastIndexOf(']', list.range[1]);
    const items = questions.map((q) => `, ${flowScalar(q)}`).join('');
    return `${yaml.slice(0, close)}${items}${yaml.slice(close)}`;
  }
  const lineStart = yaml.lastIndexOf('\n', lastRange[0]) + 1;
  const prefix = yaml.slice(lineStart, lastRange[0]);
  if (!/^\s*-\s+$/.test(prefix))
    throw new EntryFileError(`questions.${lang}: the list is in a form Sofo cannot extend`);
  const lineEnd = yaml.indexOf('\n', Math.max(lastRange[1] - 1, lastRange[0]));
  const at = lineEnd < 0 ? yaml.length : lineEnd + 1;
  const lines = questions.map((q) => `${prefix}${blockScalar(q)}\n`).join('');
  return `${yaml.slice(0, at)}${at === yaml.length && !yaml.endsWith('\n') ? '\n' : ''}${lines}${yaml.slice(at)}`;
}

function blockScalar(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

/** Inside `[…]` a comma, bracket or colon would end or break a plain item: quote those. */
function flowScalar(text: string): string {
  const plain = blockScalar(text);
  return /[,[\]{}:#]/.test(plain) && !/^["']/.test(plain) ? JSON.stringify(text) : plain;
}

function check(before: string, after: string, add: Bilingual<readonly string[]>): void {
  const questionsOf = (yaml: string) => parseDocument(yaml).toJS()?.questions as Partial<Bilingual<string[]>>;
  const old = questionsOf(before) ?? {};
  const now = questionsOf(after) ?? {};
  for (const lang of ['sv', 'en'] as Lang[]) {
    const expected = [...(old[lang] ?? []), ...add[lang]];
    if (JSON.stringify(now[lang] ?? []) !== JSON.stringify(expected)) {
      throw new EntryFileError(`questions.${lang}: adding the questions would not read back as written`);
    }
  }
}

/** How two phrasings are compared: case, spacing and end punctuation do not make a new question. */
export function samePhrasing(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.…]+$/u, '')
    .trim();
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { LANGS, type Lang } from '../lang';
import { editDistance } from '../matching/distance';
import type { Contact, Entry, FallbackText, Intent, KnowledgeBase, Link, Tip } from './model';
import { INTENT_IDS } from './model';
import { KnowledgeError, type Problem } from './problems';
import {
  contactCuesSchema,
  contactsSchema,
  entrySchema,
  fallbackSchema,
  intentSchema,
  tipsSchema,
} from './schema';
import { readSynonyms } from './synonyms';
import { YamlSource } from './yaml-source';

export interface KnowledgePaths {
  /** knowledge/: one Markdown file per entry in sub-folders, and contacts.yaml. */
  knowledgeDir: string;
  /** intents/: greeting, thanks, help, list-cases, fallback and contact cues. */
  intentsDir: string;
  /** File names in messages are relative to this (the project root). */
  root: string;
}

const MAX_ANSWER_CHARS = 2000;

/**
 * Reads and validates the whole knowledge base. Every problem found is reported together; if there is
 * any, nothing is returned: the bot never serves a half-loaded knowledge base.
 */
export function loadKnowledge(paths: KnowledgePaths): KnowledgeBase {
  const problems: Problem[] = [];
  const name = (file: string) => relative(paths.root, file) || file;

  // Ids declared in files that failed validation still count as existing, so one broken file is
  // reported once rather than again by every file that refers to it.
  // When contacts.yaml cannot be read at all, no id in it is known: entries' contact ids are then not
  // checked, so one broken file gives one problem, not one more in every entry that names a person.
  const declared = { entries: new Set<string>(), contacts: new Set<string>(), contactsKnown: false };
  const entries = markdownFiles(paths.knowledgeDir).flatMap((file) => {
    const entry = readEntry(file, name(file), problems, declared.entries);
    return entry ? [entry] : [];
  });
  const contacts = readContacts(join(paths.knowledgeDir, 'contacts.yaml'), name, problems, declared);
  const intents = INTENT_IDS.flatMap((id) => {
    const intent = readYaml(join(paths.intentsDir, `${id}.yaml`), name, problems, (src) =>
      src.parse(intentSchema),
    );
    if (intent && intent.id !== id) {
      problems.push({
        file: name(join(paths.intentsDir, `${id}.yaml`)),
        field: 'id',
        message: `must be "${id}", as the file name says`,
      });
    }
    return intent ? [intent as Intent] : [];
  });
  const fallback = readYaml(join(paths.intentsDir, 'fallback.yaml'), name, problems, (src) =>
    src.parse(fallbackSchema),
  );
  const cues = readYaml(join(paths.intentsDir, 'contact-cues.yaml'), name, problems, (src) =>
    src.parse(contactCuesSchema),
  );

  const tips = readTips(join(paths.knowledgeDir, 'tips.yaml'), name, problems, declared.entries);
  const synonymsFile = join(paths.knowledgeDir, 'synonyms.yaml');
  const synonyms = readSynonyms(synonymsFile, name(synonymsFile), problems);

  checkReferences(entries, declared, problems);
  if (problems.length > 0 || !fallback || !cues) throw new KnowledgeError(problems);
  const fallbackText: FallbackText = { reply: fallback.reply, links: fallback.links.map(toLink) };
  return { entries, contacts, intents, fallback: fallbackText, contactCues: cues.phrases, tips, synonyms };
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((item) => {
      const path = join(dir, item);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return item.endsWith('.md') && item.toLowerCase() !== 'readme.md' ? [path] : [];
    });
}

function readEntry(
  path: string,
  file: string,
  problems: Problem[],
  declared: Set<string>,
): Entry | undefined {
  const raw = readFileSync(path, 'utf8');
  // gray-matter only splits the front matter off; YamlSource parses it so errors carry line numbers.
  const parsed = matter(raw, { engines: { yaml: () => ({}) } });
  if (parsed.matter.trim() === '') {
    problems.push({
      file,
      line: 1,
      message: 'has no front matter: the file must start with a block between two "---" lines',
    });
    return undefined;
  }
  const source = new YamlSource(file, parsed.matter);
  const id = (source.value() as { id?: unknown } | null)?.id;
  if (typeof id === 'string') declared.add(id);
  const front = source.ok ? source.parse(entrySchema) : undefined;
  const bodyStart = parsed.matter.split('\n').length + 1;
  const text = readSections(parsed.content, bodyStart, file, problems);
  problems.push(...source.problems);
  if (!front || !text) return undefined;
  return {
    id: front.id,
    type: front.type,
    title: front.title,
    text,
    questions: front.questions,
    keywords: front.keywords,
    contactIds: front.contacts,
    links: front.links.map(toLink),
    related: front.related,
    file,
  };
}

/** The answer texts: a "## sv" and a "## en" section in the Markdown body. */
function readSections(
  content: string,
  firstLine: number,
  file: string,
  problems: Problem[],
): Record<Lang, string> | undefined {
  const sections: Partial<Record<Lang, { line: number; lines: string[] }>> = {};
  let current: { line: number; lines: string[] } | undefined;
  content.split('\n').forEach((line, i) => {
    const heading = /^##\s+(sv|en)\s*$/i.exec(line.trim());
    if (heading) {
      const lang = (heading[1] ?? '').toLowerCase() as Lang;
      if (sections[lang])
        problems.push({ file, line: firstLine + i, message: `a second "## ${lang}" section` });
      current = { line: firstLine + i, lines: [] };
      sections[lang] = current;
    } else {
      current?.lines.push(line);
    }
  });
  const out: Partial<Record<Lang, string>> = {};
  let complete = true;
  for (const lang of LANGS) {
    const section = sections[lang];
    const body = section?.lines.join('\n').trim() ?? '';
    const label = lang === 'sv' ? 'Swedish' : 'English';
    if (!section) {
      problems.push({
        file,
        message: `the ${label} answer is missing: add a "## ${lang}" heading followed by the text`,
      });
      complete = false;
    } else if (body === '') {
      problems.push({
        file,
        line: section.line,
        message: `the "## ${lang}" section (${label} answer) is empty`,
      });
      complete = false;
    } else if (body.length > MAX_ANSWER_CHARS) {
      problems.push({
        file,
        line: section.line,
        message: `the ${label} answer is ${body.length} characters; keep it under ${MAX_ANSWER_CHARS} (chat cards cut longer texts)`,
      });
      complete = false;
    } else {
      out[lang] = body;
    }
  }
  return complete ? (out as Record<Lang, string>) : undefined;
}

function readContacts(
  path: string,
  name: (f: string) => string,
  problems: Problem[],
  declared: { contacts: Set<string>; contactsKnown: boolean },
): Contact[] {
  const contacts =
    readYaml(path, name, problems, (src) => {
      declared.contactsKnown = true;
      const raw = src.value();
      if (Array.isArray(raw)) for (const c of raw) if (typeof c?.id === 'string') declared.contacts.add(c.id);
      return src.parse(contactsSchema);
    }) ?? [];
  const seen = new Set<string>();
  contacts.forEach((c, i) => {
    if (seen.has(c.id))
      problems.push({ file: name(path), field: `[${i}].id`, message: `the id "${c.id}" is used twice` });
    seen.add(c.id);
  });
  return contacts;
}

function readTips(
  path: string,
  name: (f: string) => string,
  problems: Problem[],
  entryIds: ReadonlySet<string>,
): Tip[] {
  const tips: Tip[] = [];
  // Entry ids are checked after every entry file has been read, so the check runs on the parsed list.
  readYaml(path, name, problems, (src) => {
    const list = src.parse(tipsSchema);
    list?.forEach((tip, i) => {
      if (tips.some((t) => t.id === tip.id)) src.report([i, 'id'], `the id "${tip.id}" is used twice`);
      if (!entryIds.has(tip.entry))
        src.report([i, 'entry'], `no entry with id "${tip.entry}"${didYouMean(tip.entry, [...entryIds])}`);
      tips.push({ id: tip.id, entryId: tip.entry, text: tip.text });
    });
    return list;
  });
  return tips;
}

function readYaml<T>(
  path: string,
  name: (f: string) => string,
  problems: Problem[],
  parse: (source: YamlSource) => T | undefined,
): T | undefined {
  if (!existsSync(path)) {
    problems.push({ file: name(path), message: 'the file is missing' });
    return undefined;
  }
  const source = new YamlSource(name(path), readFileSync(path, 'utf8'));
  const value = source.ok ? parse(source) : undefined;
  problems.push(...source.problems);
  return value;
}

function checkReferences(
  entries: Entry[],
  declared: { entries: ReadonlySet<string>; contacts: ReadonlySet<string>; contactsKnown: boolean },
  problems: Problem[],
): void {
  const entryIds = new Map<string, string>();
  for (const entry of entries) {
    const other = entryIds.get(entry.id);
    if (other)
      problems.push({
        file: entry.file,
        field: 'id',
        message: `"${entry.id}" is already the id of ${other}`,
      });
    else entryIds.set(entry.id, entry.file);
    if ((INTENT_IDS as readonly string[]).includes(entry.id) || entry.id === 'fallback') {
      problems.push({
        file: entry.file,
        field: 'id',
        message: `"${entry.id}" is reserved for a conversation intent`,
      });
    }
  }
  const contactIds = [...declared.contacts];
  const knownEntries = [...declared.entries];
  for (const entry of entries) {
    entry.contactIds.forEach((id, i) => {
      if (declared.contactsKnown && !declared.contacts.has(id)) {
        problems.push({
          file: entry.file,
          field: `contacts[${i}]`,
          message: `no contact with id "${id}"${didYouMean(id, contactIds)}`,
        });
      }
    });
    entry.related.forEach((id, i) => {
      if (!declared.entries.has(id)) {
        problems.push({
          file: entry.file,
          field: `related[${i}]`,
          message: `no entry with id "${id}"${didYouMean(id, knownEntries)}`,
        });
      }
    });
  }
}

function didYouMean(id: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of known) {
    const d = editDistance(id, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean ${best}?)` : '';
}

function toLink(link: { title: string | { sv: string; en: string }; url: string }): Link {
  const title = typeof link.title === 'string' ? { sv: link.title, en: link.title } : link.title;
  return { title, url: link.url };
}

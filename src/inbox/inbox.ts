import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../core/engine';
import type { Entry } from '../core/knowledge/model';
import type { Bilingual, Lang } from '../core/lang';
import { PLACEHOLDERS } from '../core/text/scrub';
import type { InboxItem } from '../storage/inbox';
import type { Store } from '../storage/store';
import { draftEntry, slugOf } from './draft';
import { InboxError } from './errors';
import { writeWhole } from './files';
import { groupInbox, type InboxGroup } from './grouping';
import { EntryFileError, samePhrasing, withQuestions } from './phrasings';

export interface InboxDeps {
  store: Store;
  /** The live engine: its knowledge base says which entries exist and where their files are. */
  engine: () => Engine;
  /**
   * Makes a changed knowledge file live (or only checks it, in the CLI); throws with the problems when
   * the knowledge base no longer loads, and the change is then undone.
   */
  reload: () => Promise<void>;
  /** Entry files' names are relative to this (the project root). */
  root: string;
  /** Where draft entries are written: outside knowledge/, so a half-written one never stops loading. */
  draftsDir: string;
  log: (line: string) => void;
  now: () => Date;
}

/** At most this many questions go into an entry at once: an inbox group is a handful of phrasings. */
const MAX_ADDED = 20;

export interface Added {
  groupId: string;
  entryId: string;
  file: string;
  added: Bilingual<string[]>;
  /** Already in the entry, or holding masked personal data: not added. */
  skipped: string[];
}

/**
 * The editors' inbox: groups of questions Sofo failed on, and what an editor does with a group: add its
 * questions as phrasings of an entry, ignore it for good, or start a draft entry from it. Every change
 * of a file is whole or not at all, and logged with what changed.
 */
export class Inbox {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: InboxDeps) {}

  /**
   * The groups, by the keys made when each question was kept: an ignored key never enters the store,
   * so one read of the inbox is all the page needs.
   */
  async groups(): Promise<InboxGroup[]> {
    return groupInbox(await this.deps.store.listInbox());
  }

  /** Adds a group's questions to an entry's `questions:`, makes it live, and clears the group. */
  add(groupId: string, entryId: string): Promise<Added> {
    return this.oneAtATime(async () => {
      const { group, items } = await this.group(groupId);
      const entry = this.deps.engine().kb.entries.find((e) => e.id === entryId);
      if (!entry) throw new InboxError('not_found', `no entry with id "${entryId}"`, { entryId });
      const { add, skipped } = this.newPhrasings(items, entry);
      const file = join(this.deps.root, entry.file);
      const before = readFileSync(file, 'utf8');
      if (add.sv.length + add.en.length > 0) {
        let after: string;
        try {
          after = withQuestions(before, add);
        } catch (error) {
          if (error instanceof EntryFileError)
            throw new InboxError('invalid', `${entry.file}: ${error.message}`);
          throw error;
        }
        writeWhole(file, after);
        try {
          await this.deps.reload();
        } catch (error) {
          writeWhole(file, before);
          throw new InboxError(
            'invalid',
            `${entry.file}: the change was undone: ${(error as Error).message}`,
          );
        }
        this.deps.log(
          `admin: ${entry.file}: added ${add.sv.length + add.en.length} question(s) to ${entry.id} from inbox group ${groupId}: ${JSON.stringify([...add.sv, ...add.en])}`,
        );
      }
      await this.deps.store.removeInboxItems(group.itemIds);
      return { groupId, entryId, file: entry.file, added: add, skipped };
    });
  }

  /** Ignores a group: its questions go, and the same questions asked again are not kept. */
  ignore(groupId: string): Promise<{ groupId: string; ignored: number }> {
    return this.oneAtATime(async () => {
      const { group, items } = await this.group(groupId);
      await this.deps.store.ignoreInboxKeys([...new Set([...group.keys, ...items.map((i) => i.key)])]);
      this.deps.log(`admin: ignored inbox group ${groupId} (${group.count} question(s))`);
      return { groupId, ignored: group.count };
    });
  }

  /** Writes a draft entry with the group's questions for an editor to complete, and clears the group. */
  draft(groupId: string): Promise<{ groupId: string; file: string }> {
    return this.oneAtATime(async () => {
      const { group, items } = await this.group(groupId);
      const questions = byLanguage(usable(items));
      const slug = slugOf(group.examples[0] ?? groupId);
      mkdirSync(this.deps.draftsDir, { recursive: true });
      let name = `${slug}.md`;
      for (let n = 2; existsSync(join(this.deps.draftsDir, name)) && n < 1000; n += 1)
        name = `${slug}-${n}.md`;
      const file = join(this.deps.draftsDir, name);
      const date = this.deps.now().toISOString().slice(0, 10);
      writeWhole(file, draftEntry(`draft-${slug}`, questions, date));
      await this.deps.store.removeInboxItems(group.itemIds);
      this.deps.log(`admin: wrote draft ${file} from inbox group ${groupId} (${group.count} question(s))`);
      return { groupId, file };
    });
  }

  private async group(groupId: string): Promise<{ group: InboxGroup; items: InboxItem[] }> {
    const items = await this.deps.store.listInbox();
    const group = groupInbox(items).find((g) => g.id === groupId);
    if (!group) throw new InboxError('not_found', `no inbox group with id "${groupId}"`, { groupId });
    const members = new Set(group.itemIds);
    return { group, items: items.filter((i) => members.has(i.id)) };
  }

  /** The group's distinct questions not yet in the entry; one already in another entry refuses all. */
  private newPhrasings(
    items: readonly InboxItem[],
    entry: Entry,
  ): { add: Bilingual<string[]>; skipped: string[] } {
    const owner = new Map<string, Entry>();
    for (const e of this.deps.engine().kb.entries) {
      for (const q of [...e.questions.sv, ...e.questions.en]) owner.set(samePhrasing(q), e);
    }
    const add: Bilingual<string[]> = { sv: [], en: [] };
    const skipped: string[] = [];
    const taken = new Set<string>();
    for (const item of items) {
      const key = samePhrasing(item.text);
      if (taken.has(key)) continue;
      taken.add(key);
      const other = owner.get(key);
      if (other && other.id !== entry.id) {
        throw new InboxError(
          'conflict',
          `"${item.text}" is already a question of ${other.id} (${other.file})`,
          {
            question: item.text,
            entryId: other.id,
            file: other.file,
          },
        );
      }
      if (other || hasPlaceholder(item.text) || add.sv.length + add.en.length >= MAX_ADDED)
        skipped.push(item.text);
      else add[item.lang].push(oneLine(item.text));
    }
    return { add, skipped };
  }

  private oneAtATime<T>(action: () => Promise<T>): Promise<T> {
    const next = this.writing.then(action);
    this.writing = next.catch(() => undefined);
    return next;
  }
}

function hasPlaceholder(text: string): boolean {
  return Object.values(PLACEHOLDERS).some((p) => text.includes(p));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function usable(items: readonly InboxItem[]): InboxItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = samePhrasing(i.text);
    if (seen.has(key) || hasPlaceholder(i.text)) return false;
    seen.add(key);
    return true;
  });
}

function byLanguage(items: readonly InboxItem[]): Bilingual<string[]> {
  const out: Record<Lang, string[]> = { sv: [], en: [] };
  for (const item of items.slice(0, MAX_ADDED)) out[item.lang].push(oneLine(item.text));
  return out;
}

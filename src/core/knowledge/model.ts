import type { Bilingual } from '../lang';
import type { SynonymGroups } from './synonyms';

export const ENTRY_TYPES = ['guide', 'case', 'resource', 'concept', 'about'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface Link {
  title: Bilingual;
  url: string;
}

/** One answer of the knowledge base: a file in knowledge/<type>/. */
export interface Entry {
  id: string;
  type: EntryType;
  title: Bilingual;
  text: Bilingual;
  questions: Bilingual<string[]>;
  keywords: Bilingual<string[]>;
  contactIds: string[];
  links: Link[];
  related: string[];
  /** Where the entry came from, for error messages and editors. */
  file: string;
}

export interface Contact {
  id: string;
  name: string;
  role: Bilingual;
  organisation: string;
  places: string[];
  topics: string[];
  email?: string;
  phone?: string;
}

/** The conversation intents in intents/: small talk, help and the case list. */
export const INTENT_IDS = ['greeting', 'thanks', 'help', 'list-cases'] as const;
export type IntentId = (typeof INTENT_IDS)[number];

export interface Intent {
  id: IntentId;
  phrases: Bilingual<string[]>;
  reply: Bilingual;
  /** How to use Sofo on each surface, keyed by the channel's own name for itself (help.yaml `usage:`). */
  usage?: Record<string, Bilingual>;
}

export interface FallbackText {
  reply: Bilingual;
  links: Link[];
}

/** A weekly tip (knowledge/tips.yaml): a nudge drawn from one entry, which its "Läs mer" opens. */
export interface Tip {
  id: string;
  entryId: string;
  text: Bilingual;
}

/** A validated, complete knowledge base. There is no partial one: loading either yields this or fails. */
export interface KnowledgeBase {
  entries: Entry[];
  contacts: Contact[];
  intents: Intent[];
  fallback: FallbackText;
  /** Phrases that mark a question as asking for a person ("vem kan jag kontakta …"). */
  contactCues: Bilingual<string[]>;
  tips: Tip[];
  /** Words that mean the same (knowledge/synonyms.yaml); none when absent. */
  synonyms?: SynonymGroups;
}

import type { Lang } from '../lang';

/**
 * The one reply shape every channel renders: Block Kit, Adaptive Card, HTML and plain text are all
 * drawn from this, and the JSON of `sofo ask --json` is exactly this.
 */
export type ReplyKind = 'answer' | 'clarify' | 'fallback' | 'smalltalk' | 'contacts' | 'list';

export interface ContactCard {
  id: string;
  name: string;
  role: string;
  organisation: string;
  email: string | null;
  phone: string | null;
}

export interface ReplyLink {
  title: string;
  url: string;
}

/** Where an answer comes from: the guide's own page, where its "Läs mer", "Se filmen" and pdf links are. */
export interface ReplySource {
  title: string;
  url: string;
}

/** Another entry the user may have meant, or may want next; a renderer shows it as a button. */
export interface Alternative {
  id: string;
  title: string;
  confidence: number;
}

export interface Reply {
  kind: ReplyKind;
  /** Knowledge id, `contact:<id>`, an intent id, or `fallback`. */
  id: string;
  /** 0..1: how sure the matcher is that this is what was asked. */
  confidence: number;
  lang: Lang;
  title: string;
  /** Markdown-light: paragraphs, `- ` lists and **bold**; renderers translate it. */
  text: string;
  contacts: ContactCard[];
  links: ReplyLink[];
  alternatives: Alternative[];
  /** Where the answer comes from, for a linked context line under it; null for small talk. */
  source: ReplySource | null;
  /** Whether a channel should offer 👍/👎 on this reply. */
  feedback: boolean;
  /**
   * How to use Sofo, per surface (help only): a channel adds the text under its own name, so each
   * platform's help names only its own commands. Keyed by names the core does not interpret.
   */
  usage?: Readonly<Record<string, string>>;
}

/** What Sofo is and knows: a channel's home tab or welcome card is drawn from this. */
export interface Overview {
  /** What Sofo is (the help text from intents/help.yaml). */
  intro: string;
  /** How to ask, per surface (help.yaml `usage:`): each channel shows its own. */
  usage: Readonly<Record<string, string>>;
  /** A few example questions. */
  examples: string[];
  cases: { id: string; title: string }[];
  contacts: ContactCard[];
  /** Where the contact details come from (the guide, with its page). */
  contactsSource: ReplySource;
}

/** A weekly tip as every channel renders it: a nudge and a "Läs mer" that opens the entry it comes from. */
export interface TipMessage {
  tipId: string;
  lang: Lang;
  title: string;
  text: string;
  readMore: { id: string; title: string };
}

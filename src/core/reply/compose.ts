import type { Contact, Entry, IntentId, KnowledgeBase, Link, Tip } from '../knowledge/model';
import type { Bilingual, Lang } from '../lang';
import type { ContactHit } from '../matching/contacts';
import type { Scored } from '../matching/index';
import { TUNING } from '../matching/tuning';
import type { Alternative, ContactCard, Overview, Reply, ReplyLink, ReplySource, TipMessage } from './model';
import { GUIDE_URL, PHRASES } from './phrases';

/** How many cases the case list shows (Slack allows 50 blocks a message, Teams cards get long). */
const MAX_LISTED_CASES = 12;

/** Builds Reply values from knowledge; the only place that decides what a reply contains. */
export class Replies {
  private readonly entries: Map<string, Entry>;
  private readonly people: Map<string, Contact>;

  private readonly cases: Entry[];

  constructor(private readonly kb: KnowledgeBase) {
    this.cases = kb.entries.filter((e) => e.type === 'case');
    this.entries = new Map(kb.entries.map((e) => [e.id, e]));
    this.people = new Map(kb.contacts.map((c) => [c.id, c]));
  }

  entry(entry: Entry, lang: Lang, confidence: number, others: readonly Scored[]): Reply {
    return {
      kind: 'answer',
      id: entry.id,
      confidence: round(confidence),
      lang,
      title: entry.title[lang],
      text: entry.text[lang],
      contacts: entry.contactIds.flatMap((id) => {
        const c = this.people.get(id);
        return c ? [card(c, lang)] : [];
      }),
      links: localLinks(entry.links, lang),
      alternatives: this.alternatives(others, lang),
      source: source(lang),
      feedback: true,
    };
  }

  intent(id: IntentId, lang: Lang, confidence: number): Reply {
    const intent = this.kb.intents.find((i) => i.id === id);
    const text = intent?.reply[lang] ?? '';
    if (id === 'list-cases') {
      // A chat message lists a handful, not a catalogue: the first few cases, in the editors' order.
      const cases = this.cases.slice(0, MAX_LISTED_CASES);
      return {
        ...base('list', id, confidence, lang),
        title: PHRASES.casesTitle[lang],
        text: [text, ...cases.map((c) => `- **${c.title[lang]}**`)].join('\n'),
        alternatives: cases.map((c) => ({ id: c.id, title: c.title[lang], confidence: 1 })),
        source: source(lang),
      };
    }
    const titles = { greeting: PHRASES.greetingTitle, thanks: PHRASES.thanksTitle, help: PHRASES.helpTitle };
    const reply: Reply = { ...base('smalltalk', id, confidence, lang), title: titles[id][lang], text };
    return intent?.usage ? { ...reply, usage: localUsage(intent.usage, lang) } : reply;
  }

  contacts(hits: readonly ContactHit[], lang: Lang): Reply {
    const best = hits[0];
    if (!best) return this.noContact(lang);
    return {
      ...base('contacts', `contact:${best.contact.id}`, best.score, lang),
      title: PHRASES.contactsTitle[lang],
      text: hits.length > 1 ? PHRASES.contactsFound[lang] : '',
      contacts: hits.map((h) => card(h.contact, lang)),
      source: contactsSource(lang),
    };
  }

  /** Everyone, for a contact search without a query. */
  directory(lang: Lang): Reply {
    return {
      ...base('list', 'contact-directory', 1, lang),
      title: PHRASES.contactsTitle[lang],
      text: PHRASES.directoryText[lang],
      contacts: this.kb.contacts.map((c) => card(c, lang)),
      source: contactsSource(lang),
      feedback: false,
    };
  }

  /** What Sofo is and knows, for a home tab or a welcome card. */
  overview(lang: Lang): Overview {
    const help = this.kb.intents.find((i) => i.id === 'help');
    return {
      intro: help?.reply[lang] ?? '',
      usage: localUsage(help?.usage ?? {}, lang),
      examples: this.kb.entries
        .filter((e) => e.type !== 'case')
        .slice(0, 5)
        .map((e) => e.questions[lang][0] ?? e.title[lang]),
      cases: this.kb.entries
        .filter((e) => e.type === 'case')
        .map((e) => ({ id: e.id, title: e.title[lang] })),
      contacts: this.kb.contacts.map((c) => card(c, lang)),
      contactsSource: contactsSource(lang),
    };
  }

  tip(tip: Tip, lang: Lang): TipMessage {
    return {
      tipId: tip.id,
      lang,
      title: PHRASES.tipTitle[lang],
      text: tip.text[lang],
      readMore: { id: tip.entryId, title: this.title(tip.entryId, lang) },
    };
  }

  noContact(lang: Lang): Reply {
    return {
      ...base('fallback', 'fallback', 0, lang),
      title: PHRASES.contactsTitle[lang],
      text: PHRASES.noContactFound[lang],
      contacts: this.kb.contacts.map((c) => card(c, lang)),
      source: contactsSource(lang),
    };
  }

  fallback(lang: Lang, ranked: readonly Scored[]): Reply {
    return {
      ...base('fallback', 'fallback', 0, lang),
      title: PHRASES.fallbackTitle[lang],
      text: this.kb.fallback.reply[lang],
      links: localLinks(this.kb.fallback.links, lang),
      alternatives: this.alternatives(ranked.slice(0, 2), lang),
    };
  }

  clarify(lang: Lang, best: Scored, close: readonly Scored[]): Reply {
    return {
      ...base('clarify', best.id, best.score, lang),
      title: PHRASES.clarifyTitle[lang],
      text: PHRASES.clarifyText[lang],
      alternatives: close.map((s) => ({
        id: s.id,
        title: this.title(s.id, lang),
        confidence: round(s.score),
      })),
    };
  }

  private alternatives(scored: readonly Scored[], lang: Lang): Alternative[] {
    return scored
      .filter((s) => s.score >= TUNING.shown && this.entries.has(s.id))
      .map((s) => ({ id: s.id, title: this.title(s.id, lang), confidence: round(s.score) }));
  }

  private title(id: string, lang: Lang): string {
    const entry = this.entries.get(id);
    if (entry) return entry.title[lang];
    if (id === 'list-cases') return PHRASES.casesTitle[lang];
    return PHRASES.helpTitle[lang];
  }
}

function base(kind: Reply['kind'], id: string, confidence: number, lang: Lang): Reply {
  return {
    kind,
    id,
    confidence: round(confidence),
    lang,
    title: '',
    text: '',
    contacts: [],
    links: [],
    alternatives: [],
    source: null,
    // Votes are asked for on what Sofo answered; not on small talk, nor on a question back (clarify).
    feedback: kind !== 'smalltalk' && kind !== 'clarify',
  };
}

/** Contact details are the guide's: say so, linking its page, so a reader can tell they may be dated. */
function contactsSource(lang: Lang): ReplySource {
  return { title: PHRASES.contactsSource[lang], url: GUIDE_URL };
}

function localUsage(usage: Readonly<Record<string, Bilingual>>, lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(usage).map(([surface, text]) => [surface, text[lang]]));
}

function source(lang: Lang): ReplySource {
  return { title: PHRASES.source[lang], url: GUIDE_URL };
}

function localLinks(links: readonly Link[], lang: Lang): ReplyLink[] {
  return links.map((l) => ({ title: l.title[lang], url: l.url }));
}

export function card(c: Contact, lang: Lang): ContactCard {
  return {
    id: c.id,
    name: c.name,
    role: c.role[lang],
    organisation: c.organisation,
    email: c.email ?? null,
    phone: c.phone ?? null,
  };
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

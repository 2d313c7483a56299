import type { Entry, IntentId, KnowledgeBase } from './knowledge/model';
import type { Lang } from './lang';
import {
  type ContactFinder,
  type ContactHit,
  combineHits,
  ContactFinder as Finder,
} from './matching/contacts';
import type { Scored } from './matching/index';
import { Matcher } from './matching/matcher';
import { PhraseSet } from './matching/phrases';
import { Replies } from './reply/compose';
import type { Reply } from './reply/model';
import { cleanText } from './text/clean';
import { isStopword } from './text/stopwords';
import { hasLetters, tokenize } from './text/tokenize';

/** The thresholds that turn scores into answer, clarify or fallback. Tuned on the kinds of question in eval. */
export const THRESHOLDS = {
  /** Below this the best entry is not trusted: fall back. */
  answer: 0.42,
  /** A runner-up scoring at least this share of the best makes the question ambiguous: clarify. */
  clarifyRatio: 0.88,
  /** A person found by organisation/place/role must fit at least this well. */
  contact: 0.5,
} as const;

export interface AskOptions {
  /** Force the reply language (a channel may know the user's locale); otherwise guessed from the text. */
  lang?: Lang;
}

/**
 * The answer engine: question text in, Reply out. Knows nothing of Slack, Teams or HTTP.
 */
export class Engine {
  private readonly matcher: Matcher;
  private readonly contacts: ContactFinder;
  private readonly wrappers = new PhraseSet<'greeting' | 'thanks'>();
  private readonly intents = new PhraseSet<IntentId>();
  private readonly contactCues = new PhraseSet<'contact'>();
  private readonly entries: Map<string, Entry>;
  private readonly replies: Replies;

  constructor(readonly kb: KnowledgeBase) {
    this.matcher = new Matcher(kb);
    this.contacts = new Finder(kb.contacts);
    this.entries = new Map(kb.entries.map((e) => [e.id, e]));
    this.replies = new Replies(kb);
    for (const intent of kb.intents) {
      for (const phrase of [...intent.phrases.sv, ...intent.phrases.en]) {
        if (intent.id === 'greeting' || intent.id === 'thanks') this.wrappers.add(intent.id, phrase);
        this.intents.add(intent.id, phrase);
      }
    }
    for (const phrase of [...kb.contactCues.sv, ...kb.contactCues.en])
      this.contactCues.add('contact', phrase);
  }

  ask(text: string, options: AskOptions = {}): Reply {
    const words = tokenize(cleanText(text));
    const lang = options.lang ?? this.matcher.languages.guess(words);
    if (!words.some(hasLetters)) return this.replies.intent('help', lang, 1);

    const { rest, labels } = this.wrappers.strip(words);
    const smalltalk = labels[labels.length - 1];
    if (smalltalk && rest.every((w) => isStopword(w, lang))) return this.replies.intent(smalltalk, lang, 1);

    const intent = this.intents.closest(rest);
    if (intent && intent.similarity >= 0.8) return this.replies.intent(intent.label, lang, intent.similarity);

    const named = this.contacts.byName(rest, (w) => this.matcher.knows(w));
    if (named.length > 0) return this.replies.contacts(named, lang, undefined);

    const ranked = this.matcher.rank(rest, lang);
    const decision = this.decide(ranked, lang);
    if (decision.kind === 'fallback' && smalltalk) return this.replies.intent(smalltalk, lang, 0.5);
    if (decision.kind === 'answer' && this.contactCues.occursIn(rest)) {
      const entry = this.entries.get(decision.best.id);
      if (entry && entry.contactIds.length === 0) {
        // "Vem kan jag kontakta i Nordanstig?" with no entry naming people: look the person up directly.
        const people = this.findContacts(rest, lang, ranked);
        if (people.length > 0) return this.replies.contacts(people, lang, undefined);
      }
    }
    return this.reply(decision, lang);
  }

  /** The reply for one entry or intent, e.g. when a user picks a clarify choice. */
  answer(id: string, lang: Lang): Reply | undefined {
    const entry = this.entries.get(id);
    if (entry) return this.replies.entry(entry, lang, 1, []);
    if (id === 'help' || id === 'list-cases' || id === 'greeting' || id === 'thanks')
      return this.replies.intent(id, lang, 1);
    return undefined;
  }

  /** `/kontakt`, `sofo contacts`: always a list of people, or everyone when nothing matches. */
  lookupContacts(query: string, options: AskOptions = {}): Reply {
    const words = tokenize(cleanText(query));
    const lang = options.lang ?? this.matcher.languages.guess(words);
    const people = this.findContacts(words, lang, this.matcher.rank(words, lang));
    return people.length > 0 ? this.replies.contacts(people, lang, undefined) : this.replies.noContact(lang);
  }

  private findContacts(words: string[], lang: Lang, ranked: Scored[]): ContactHit[] {
    const byTopic: ContactHit[] = [];
    for (const { id, score } of ranked.slice(0, 3)) {
      if (score < THRESHOLDS.answer) break;
      this.entries.get(id)?.contactIds.forEach((cid, i) => {
        const contact = this.kb.contacts.find((c) => c.id === cid);
        if (contact) byTopic.push({ contact, score: score * (1 - 0.02 * i) });
      });
    }
    void lang;
    return combineHits(this.contacts.byName(words), this.contacts.byDescription(words), byTopic).filter(
      (h) => h.score >= THRESHOLDS.contact,
    );
  }

  private decide(ranked: Scored[], _lang: Lang): Decision {
    const [best, second] = ranked;
    if (!best || best.score < THRESHOLDS.answer) return { kind: 'fallback', ranked };
    if (second && second.score >= best.score * THRESHOLDS.clarifyRatio) {
      const close = ranked.filter((r) => r.score >= best.score * THRESHOLDS.clarifyRatio).slice(0, 3);
      return { kind: 'clarify', best, close };
    }
    return { kind: 'answer', best, ranked };
  }

  private reply(decision: Decision, lang: Lang): Reply {
    switch (decision.kind) {
      case 'fallback':
        return this.replies.fallback(lang, decision.ranked);
      case 'clarify':
        return this.replies.clarify(lang, decision.best, decision.close);
      case 'answer': {
        const entry = this.entries.get(decision.best.id);
        if (entry) return this.replies.entry(entry, lang, decision.best.score, decision.ranked.slice(1, 3));
        return this.replies.intent(decision.best.id as IntentId, lang, decision.best.score);
      }
    }
  }
}

type Decision =
  | { kind: 'fallback'; ranked: Scored[] }
  | { kind: 'clarify'; best: Scored; close: Scored[] }
  | { kind: 'answer'; best: Scored; ranked: Scored[] };

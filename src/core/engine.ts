import type { Entry, IntentId, KnowledgeBase, Tip } from './knowledge/model';
import type { Lang } from './lang';
import { ContactFinder, type ContactHit, combineHits } from './matching/contacts';
import type { Scored } from './matching/index';
import { Matcher } from './matching/matcher';
import { PhraseSet } from './matching/phrases';
import { TUNING } from './matching/tuning';
import { Replies } from './reply/compose';
import type { Overview, Reply, TipMessage } from './reply/model';
import { cleanText } from './text/clean';
import { isStopword } from './text/stopwords';
import { hasLetters, tokenize } from './text/tokenize';

export interface AskOptions {
  /** Force the reply language (a channel may know the user's locale); otherwise guessed from the text. */
  lang?: Lang;
}

/** How much a whole-question match with a help or list phrase must be to count as that intent. */
const INTENT_SIMILARITY = 0.8;

/**
 * The answer engine: question text in, Reply out. Knows nothing of Slack, Teams or HTTP.
 *
 * The order of questions it asks itself: is there any text → is it only a greeting or thanks → is it
 * asking for help or the case list → does it name a person → does it ask for a person by organisation
 * or place → which entry fits, and how surely (answer, clarify, fallback).
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
    this.contacts = new ContactFinder(kb.contacts);
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

    // "Hej! …" and "… tack!" wrap questions; only when nothing else is left are they the message.
    const { rest, labels } = this.wrappers.strip(words);
    const smalltalk = labels[labels.length - 1];
    if (smalltalk && rest.every((w) => isStopword(w, lang))) return this.replies.intent(smalltalk, lang, 1);

    const intent = this.intents.closest(rest);
    if (intent && intent.similarity >= INTENT_SIMILARITY) {
      return this.replies.intent(intent.label, lang, intent.similarity);
    }

    const named = this.contacts.byName(rest, (w) => this.matcher.knows(w));
    if (named.length > 0) return this.replies.contacts(named, lang);

    const { rest: topic, found: asksForPerson } = this.contactCues.remove(rest);
    if (asksForPerson) {
      const reply = this.personByIdentity(topic, lang);
      if (reply) return reply;
    }

    const decision = decide(this.matcher.rank(rest, lang), contentWordCount(rest, lang));
    // "tack, det var precis vad jag behövde": the thanks is the message, not an unknown question.
    if (decision.kind === 'fallback' && smalltalk) return this.replies.intent(smalltalk, lang, 0.5);
    return this.reply(decision, lang);
  }

  /** Whether an id is one a reply can carry: an entry, an intent, the fallback, a person, the directory. */
  isReplyId(id: string): boolean {
    if (this.entries.has(id) || this.kb.intents.some((i) => i.id === id)) return true;
    if (id === 'fallback' || id === 'contact-directory') return true;
    return id.startsWith('contact:') && this.kb.contacts.some((c) => `contact:${c.id}` === id);
  }

  /** The reply for one entry or intent, e.g. when a user picks a clarify choice. */
  answer(id: string, lang: Lang): Reply | undefined {
    const entry = this.entries.get(id);
    if (entry) return this.replies.entry(entry, lang, 1, []);
    const intent = this.kb.intents.find((i) => i.id === id);
    return intent ? this.replies.intent(intent.id, lang, 1) : undefined;
  }

  overview(lang: Lang): Overview {
    return this.replies.overview(lang);
  }

  tipMessage(tip: Tip, lang: Lang): TipMessage {
    return this.replies.tip(tip, lang);
  }

  /** `/kontakt`, `sofo contacts`: people ranked by name, organisation, place, role or topic. */
  lookupContacts(query: string, options: AskOptions = {}): Reply {
    const words = tokenize(cleanText(query));
    const lang = options.lang ?? this.matcher.languages.guess(words);
    if (!words.some(hasLetters)) return this.replies.directory(lang);
    const byTopic = this.contactsOfEntries(this.matcher.rank(words, lang));
    const people = combineHits(
      this.contacts.byName(words, (w) => this.matcher.knows(w)),
      this.contacts.byDescription(words),
      byTopic,
    ).filter((h) => h.score >= TUNING.contact);
    return people.length > 0 ? this.replies.contacts(people, lang) : this.replies.noContact(lang);
  }

  /**
   * "Who is the contact person at Social Trade?": a person asked for by organisation, place or role, with
   * no topic left once those words are gone. With a topic left ("… om fruktkorgarna i Göteborg"), the
   * entry answers instead: it names its own contact persons.
   */
  private personByIdentity(words: string[], lang: Lang): Reply | undefined {
    const people = this.contacts.byDescription(words, 'identity').filter((h) => h.score >= TUNING.contact);
    if (people.length === 0) return undefined;
    const remainder = this.contacts.withoutIdentityWords(words);
    const topic = decide(this.matcher.rank(remainder, lang), contentWordCount(remainder, lang));
    if (remainder.some((w) => !isStopword(w, lang)) && topic.kind !== 'fallback') return undefined;
    return this.replies.contacts(people, lang);
  }

  private contactsOfEntries(ranked: Scored[]): ContactHit[] {
    const hits: ContactHit[] = [];
    for (const { id, score } of ranked.slice(0, 3)) {
      if (score < TUNING.answer) break;
      this.entries.get(id)?.contactIds.forEach((cid, i) => {
        const contact = this.kb.contacts.find((c) => c.id === cid);
        // The order an editor listed people in is a (weak) preference.
        if (contact) hits.push({ contact, score: score * (1 - 0.02 * i) });
      });
    }
    return hits;
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

function contentWordCount(words: readonly string[], lang: Lang): number {
  return words.filter((w) => !isStopword(w, lang)).length;
}

type Decision =
  | { kind: 'fallback'; ranked: Scored[] }
  | { kind: 'clarify'; best: Scored; close: Scored[] }
  | { kind: 'answer'; best: Scored; ranked: Scored[] };

/**
 * Scores to outcome: too weak → fallback; a runner-up too close → clarify; else answer. A short question
 * whose best entry leaves one of its few content words unexplained ("vad kostar en fruktkorg?") must
 * score higher: there, every word matters.
 */
function decide(ranked: Scored[], contentWords: number): Decision {
  const [best, second] = ranked;
  const strict = best !== undefined && best.unexplained > 0;
  const required = TUNING.answer + (strict ? (TUNING.shortQuestion * Math.max(0, 3 - contentWords)) / 2 : 0);
  if (!best || best.score < required) return { kind: 'fallback', ranked };
  if (second && second.score >= best.score * TUNING.clarifyRatio) {
    const close = ranked.filter((r) => r.score >= best.score * TUNING.clarifyRatio).slice(0, 3);
    return { kind: 'clarify', best, close };
  }
  return { kind: 'answer', best, ranked };
}

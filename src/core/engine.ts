import type { ExplainCandidate, ExplainOutcome, Explanation } from './explain';
import type { Entry, IntentId, KnowledgeBase, Tip } from './knowledge/model';
import { LANGS, type Lang } from './lang';
import { ContactFinder, type ContactHit, combineHits } from './matching/contacts';
import type { Scored } from './matching/index';
import { type Analysis, type Lexicons, Matcher, NO_LEXICONS, type Ranked } from './matching/matcher';
import { PhraseSet } from './matching/phrases';
import { TUNING } from './matching/tuning';
import { Replies } from './reply/compose';
import type { Overview, Reply, TipMessage } from './reply/model';
import { cleanText } from './text/clean';
import { BLANKS, scrub } from './text/scrub';
import { stem } from './text/stem';
import { isStopword } from './text/stopwords';
import { fold, hasLetters, tokenize } from './text/tokenize';

export interface AskOptions {
  /** Force the reply language (a channel may know the user's locale); otherwise guessed from the text. */
  lang?: Lang;
}

export interface EngineOptions {
  /** The compiled dictionaries (src/core/lexicon); without them only the knowledge base's words are known. */
  lexicons?: Lexicons;
}

/** A reply with the reason it was chosen: `sofo ask --explain`, the editors' test panel. */
export interface Explained {
  reply: Reply;
  explanation: Explanation;
}

/** How much a whole-question match with a help or list phrase must be to count as that intent. */
const INTENT_SIMILARITY = 0.8;
/** How many candidates an explanation lists. */
const EXPLAIN_DEPTH = 5;

/**
 * The answer engine: question text in, Reply out. Knows nothing of Slack, Teams or HTTP.
 *
 * The order of questions it asks itself: is there any text → is it only a greeting or thanks → is it
 * asking for help or the case list → does it name a person → does it ask for a person by role,
 * organisation or place → which entry fits, and how surely (answer, clarify, fallback).
 */
export class Engine {
  private readonly matcher: Matcher;
  private readonly contacts: ContactFinder;
  private readonly wrappers = new PhraseSet<'greeting' | 'thanks'>();
  private readonly intents = new PhraseSet<IntentId>();
  /** Per language, on stems: "ringer", "ringde" and "ring" all mean "ringa". */
  private readonly contactCues: Record<Lang, PhraseSet<'contact'>> = {
    sv: new PhraseSet((w) => stem(fold(w), 'sv')),
    en: new PhraseSet((w) => stem(fold(w), 'en')),
  };
  private readonly entries: Map<string, Entry>;
  private readonly replies: Replies;

  constructor(
    readonly kb: KnowledgeBase,
    options: EngineOptions = {},
  ) {
    this.matcher = new Matcher(kb, options.lexicons ?? NO_LEXICONS);
    this.contacts = new ContactFinder(kb.contacts);
    this.entries = new Map(kb.entries.map((e) => [e.id, e]));
    this.replies = new Replies(kb);
    for (const intent of kb.intents) {
      for (const phrase of [...intent.phrases.sv, ...intent.phrases.en]) {
        if (intent.id === 'greeting' || intent.id === 'thanks') this.wrappers.add(intent.id, phrase);
        this.intents.add(intent.id, phrase);
      }
    }
    for (const l of LANGS) for (const phrase of kb.contactCues[l]) this.contactCues[l].add('contact', phrase);
  }

  ask(text: string, options: AskOptions = {}): Reply {
    return this.run(text, options, false).reply;
  }

  /** The reply and why: the outcome, the bar it had to clear, and each candidate's matched words. */
  explain(text: string, options: AskOptions = {}): Explained {
    const { reply, explanation } = this.run(text, options, true);
    return {
      reply,
      explanation: explanation ?? { outcome: 'empty', threshold: 0, candidates: [], reason: '' },
    };
  }

  private run(
    text: string,
    options: AskOptions,
    explain: boolean,
  ): { reply: Reply; explanation?: Explanation } {
    // Personal data never takes part in matching: an e-mail address is no topic word.
    const words = tokenize(scrub(cleanText(text), BLANKS));
    const lang = options.lang ?? this.matcher.languages.guess(words);
    const trace = new Trace(explain);
    if (!words.some(hasLetters)) return trace.done(this.replies.intent('help', lang, 1), 'empty', 'no words');

    // "Hej! …" and "… tack!" wrap questions; only when nothing else is left are they the message.
    const { rest, labels } = this.wrappers.strip(words);
    const smalltalk = labels[labels.length - 1];
    if (smalltalk && rest.every((w) => isStopword(w, lang)))
      return trace.done(this.replies.intent(smalltalk, lang, 1), 'smalltalk', 'only a greeting or thanks');

    const intent = this.intents.closest(rest);
    if (intent && intent.similarity >= INTENT_SIMILARITY) {
      const outcome = intent.label === 'help' ? 'help' : intent.label === 'list-cases' ? 'list' : 'smalltalk';
      return trace.done(
        this.replies.intent(intent.label, lang, intent.similarity),
        outcome,
        `the whole question is like a phrase of "${intent.label}"`,
      );
    }

    const named = this.contacts.byName(rest, (w) => this.matcher.knows(w));
    if (named.length > 0)
      return trace.done(this.replies.contacts(named, lang), 'contact', 'a person was named', people(named));

    // "ringa", "mejla", "vem kan jag kontakta": cues that a person is wanted, never topic words.
    const sv = this.contactCues.sv.remove(rest);
    const en = this.contactCues.en.remove(sv.rest);
    const topic = en.rest;
    const cue = sv.found || en.found;
    if (cue || this.contacts.mentionsRole(topic)) {
      const hits = this.personByIdentity(topic, lang);
      if (hits)
        return trace.done(
          this.replies.contacts(hits, lang),
          'contact',
          'a person was asked for by role, organisation or place, with no other topic',
          people(hits),
        );
    }

    const analysis = this.matcher.analyse(topic, lang);
    const ranked = this.withoutNameOnlyMatches(analysis).filter(
      // "Help" is the answer to a question about Sofo itself, never to one with a topic of its own
      // ("mitt VPN fungerar inte" shares only "fungerar" with "hur fungerar det här").
      (r) => r.id !== 'help' || r.unexplained === 0,
    );
    const decision = decide(ranked, contentWordCount(topic, lang));
    const candidates = () => analysis.explain(ranked.slice(0, EXPLAIN_DEPTH));
    // "tack, det var precis vad jag behövde": the thanks is the message, not an unknown question.
    if (decision.kind === 'fallback' && smalltalk)
      return trace.done(this.replies.intent(smalltalk, lang, 0.5), 'smalltalk', 'thanks around no question');
    return trace.done(
      this.reply(decision, lang),
      decision.kind,
      reasonOf(decision),
      candidates,
      decision.required,
    );
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
    const words = tokenize(scrub(cleanText(query), BLANKS));
    const lang = options.lang ?? this.matcher.languages.guess(words);
    if (!words.some(hasLetters)) return this.replies.directory(lang);
    const byTopic = this.contactsOfEntries(this.matcher.rank(words, lang));
    const hits = combineHits(
      this.contacts.byName(words, (w) => this.matcher.knows(w)),
      this.contacts.byDescription(words),
      byTopic,
    ).filter((h) => h.score >= TUNING.contact);
    return hits.length > 0 ? this.replies.contacts(hits, lang) : this.replies.noContact(lang);
  }

  /**
   * "Who is the procurement strategist in Nordanstig?": a person asked for by role, organisation or
   * place, with no topic left once those words are gone. With a topic left ("… om fruktkorgarna i
   * Göteborg"), the entry answers instead: it names its own contact persons.
   */
  private personByIdentity(words: string[], lang: Lang): ContactHit[] | undefined {
    const hits = this.contacts.byDescription(words, 'identity').filter((h) => h.score >= TUNING.contact);
    if (hits.length === 0) return undefined;
    const remainder = this.contacts.withoutIdentityWords(words);
    const topic = decide(this.matcher.rank(remainder, lang), contentWordCount(remainder, lang));
    if (remainder.some((w) => !isStopword(w, lang)) && topic.kind !== 'fallback') return undefined;
    return hits;
  }

  /**
   * A place or organisation name alone never carries a match: "Malmö stad" shares "stad" with
   * "Göteborgs Stad", which says nothing about what is asked. A candidate that explains nothing but
   * such names, while other words of the question go unexplained, is dropped. ("Berätta om
   * Nordanstig" is explained whole by the name, and stays.)
   */
  private withoutNameOnlyMatches({ ranked, explain }: Analysis): Ranked[] {
    const explained = explain(ranked.slice(0, 3));
    const nameOnly = new Set(
      explained
        .filter(
          (c) =>
            c.unexplained.length > 0 &&
            c.matched.length > 0 &&
            c.matched.every((m) => this.contacts.isIdentityWord(m.word)),
        )
        .map((c) => c.id),
    );
    return nameOnly.size === 0 ? ranked : ranked.filter((r) => !nameOnly.has(r.id));
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

/** Collects the explanation only when asked for: the common path builds nothing extra. */
class Trace {
  constructor(private readonly wanted: boolean) {}

  done(
    reply: Reply,
    outcome: ExplainOutcome,
    reason: string,
    candidates: ExplainCandidate[] | (() => ExplainCandidate[]) = [],
    threshold = 0,
  ): { reply: Reply; explanation?: Explanation } {
    if (!this.wanted) return { reply };
    const list = typeof candidates === 'function' ? candidates() : candidates;
    return {
      reply,
      explanation: { outcome, threshold: Math.round(threshold * 1000) / 1000, candidates: list, reason },
    };
  }
}

function people(hits: readonly ContactHit[]): ExplainCandidate[] {
  return hits.slice(0, EXPLAIN_DEPTH).map((h) => ({
    id: `contact:${h.contact.id}`,
    score: Math.round(h.score * 1000) / 1000,
    matched: [],
    unexplained: [],
  }));
}

function contentWordCount(words: readonly string[], lang: Lang): number {
  return words.filter((w) => !isStopword(w, lang)).length;
}

type Decision =
  | { kind: 'fallback'; ranked: Scored[]; required: number }
  | { kind: 'clarify'; best: Scored; close: Scored[]; required: number }
  | { kind: 'answer'; best: Scored; ranked: Scored[]; required: number };

function reasonOf(decision: Decision): string {
  switch (decision.kind) {
    case 'fallback':
      return 'no candidate reached the threshold';
    case 'clarify':
      return 'the best candidates scored too close to tell apart';
    case 'answer':
      return 'the best candidate reached the threshold, well ahead of the next';
  }
}

/**
 * Scores to outcome: too weak → fallback; a runner-up too close → clarify; else answer. A short question
 * whose best entry leaves one of its few content words unexplained ("vad kostar en fruktkorg?") must
 * score higher: there, every word matters.
 */
function decide(ranked: Scored[], contentWords: number): Decision {
  const [best, second] = ranked;
  const strict = best !== undefined && best.unexplained > 0;
  // A long question carries background ("vi är en liten kommun som …"): its coverage is lower for the
  // right entry too. When one entry clearly leads, the bar comes down a little per word beyond four.
  const leads = best !== undefined && (second === undefined || best.score >= second.score * TUNING.clearLead);
  const relief = leads
    ? Math.min(TUNING.longQuestion * Math.max(0, contentWords - 4), TUNING.longQuestionMax)
    : 0;
  const required =
    TUNING.answer + (strict ? (TUNING.shortQuestion * Math.max(0, 3 - contentWords)) / 2 : 0) - relief;
  if (!best || best.score < required) return { kind: 'fallback', ranked, required };
  if (second && second.score >= best.score * TUNING.clarifyRatio) {
    const close = ranked.filter((r) => r.score >= best.score * TUNING.clarifyRatio).slice(0, 3);
    return { kind: 'clarify', best, close, required };
  }
  return { kind: 'answer', best, ranked, required };
}

import type { Contact } from '../knowledge/model';
import { stem } from '../text/stem';
import { isStopword } from '../text/stopwords';
import { fold, tokenize } from '../text/tokenize';
import { editDistance } from './distance';

export interface ContactHit {
  contact: Contact;
  score: number;
}

interface Profile {
  contact: Contact;
  first: string;
  last: string[];
  /** Who the person is: organisation, places, role. */
  identity: WordSet;
  /** The organisation and places alone: names, which never carry a topic match. */
  names: WordSet;
  /** The role's content words ("upphandlingsstrateg", "procurement strategist"). */
  role: WordSet;
  /** What the person can be asked about. */
  topics: WordSet;
}

/**
 * Finds people: by name (partial, typos, no diacritics), by organisation, place, role or topic words,
 * and (combined by the engine) by the topics of the entries that name them.
 */
export class ContactFinder {
  private readonly profiles: Profile[];

  constructor(contacts: readonly Contact[]) {
    this.profiles = contacts.map((contact) => {
      const [first = '', ...last] = tokenize(contact.name).map(fold);
      const identity = new WordSet([
        contact.organisation,
        ...contact.places,
        contact.role.sv,
        contact.role.en,
      ]);
      const names = new WordSet([contact.organisation, ...contact.places]);
      const role = new WordSet([contact.role.sv, contact.role.en], true);
      return { contact, first, last, identity, names, role, topics: new WordSet(contact.topics) };
    });
  }

  /** People named in the words, best first: a full name beats a surname, which beats a first name. */
  byName(words: readonly string[], isKnownWord: (word: string) => boolean = () => false): ContactHit[] {
    const folded = words.map(fold);
    const sameName = (word: string, name: string, fuzzy: boolean) =>
      word === name || word === `${name}s` || (fuzzy && !isKnownWord(word) && isTypoOf(word, name));
    const hits: ContactHit[] = [];
    for (const p of this.profiles) {
      // First names must be typed right ("ingår" is not "Ingvar"); surnames may carry a typo.
      const first = p.first !== '' && folded.some((w) => sameName(w, p.first, false));
      const last = p.last.length > 0 && p.last.every((l) => folded.some((w) => sameName(w, l, true)));
      const score = first && last ? 1 : last ? 0.9 : first ? 0.75 : 0;
      if (score > 0) hits.push({ contact: p.contact, score });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** People whose organisation, place, role (and topics) the words mention: share of content words matched. */
  byDescription(words: readonly string[], aspects: 'identity' | 'all' = 'all'): ContactHit[] {
    const content = contentWords(words);
    if (content.length === 0) return [];
    const hits: ContactHit[] = [];
    for (const p of this.profiles) {
      let matched = 0;
      for (const w of content)
        matched += Math.max(p.identity.match(w), aspects === 'all' ? p.topics.match(w) : 0);
      if (matched > 0) hits.push({ contact: p.contact, score: matched / content.length });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** Whether the words name someone's role ("upphandlingsstrategen", "strategist"): a person is wanted. */
  mentionsRole(words: readonly string[]): boolean {
    const content = contentWords(words);
    return content.some((w) => this.profiles.some((p) => p.role.inflects(w)));
  }

  /** A word of an organisation's or a place's name ("Göteborgs", "stad", "Nordanstig"). */
  isIdentityWord(word: string): boolean {
    const folded = fold(word);
    return this.profiles.some((p) => p.names.match(folded) === 1);
  }

  /** The words that say who someone is (organisation, place, role), to tell them from a topic. */
  withoutIdentityWords(words: readonly string[]): string[] {
    return words.filter((w) => !this.profiles.some((p) => p.identity.match(fold(w)) === 1));
  }
}

/** Merges evidence per person: the strongest signal counts fully, each further one adds a little. */
export function combineHits(...lists: ContactHit[][]): ContactHit[] {
  const byId = new Map<string, { contact: Contact; scores: number[] }>();
  for (const list of lists) {
    for (const hit of list) {
      const entry = byId.get(hit.contact.id) ?? { contact: hit.contact, scores: [] };
      entry.scores.push(hit.score);
      byId.set(hit.contact.id, entry);
    }
  }
  return [...byId.values()]
    .map(({ contact, scores }) => {
      const max = Math.max(...scores);
      const rest = scores.reduce((a, b) => a + b, 0) - max;
      return { contact, score: Math.min(1, max + 0.25 * rest) };
    })
    .sort((a, b) => b.score - a.score);
}

function contentWords(words: readonly string[]): string[] {
  return words.map(fold).filter((w) => w.length > 1 && !isStopword(w, 'sv') && !isStopword(w, 'en'));
}

/** Folded words with their Swedish and English stems; a long word also matches as a prefix. */
class WordSet {
  private readonly keys = new Set<string>();
  private readonly words: string[];

  /** `contentOnly`: leave out function words ("och" of "arbetsmarknads- och flyktingenheten"). */
  constructor(texts: readonly string[], contentOnly = false) {
    this.words = tokenize(texts.join(' '))
      .map(fold)
      .filter((w) => !contentOnly || (!isStopword(w, 'sv') && !isStopword(w, 'en')));
    for (const w of this.words) for (const k of [w, stem(w, 'sv'), stem(w, 'en')]) this.keys.add(k);
  }

  /**
   * The same word but for an inflection ending ("strategen" of "strateg", "chefen" of "chef"), which
   * stems cannot tell: Swedish stemming meets "upphandling" and "upphandlare", an activity and a role.
   */
  inflects(word: string): boolean {
    const close = (a: string, b: string) => b.length >= 4 && a.startsWith(b) && a.length - b.length <= 3;
    return this.words.some((w) => close(word, w) || close(w, word));
  }

  /** 1 for a word or stem hit, 0.8 for "upphandling" in "upphandlingsstrateg", else 0. */
  match(word: string): number {
    if (this.keys.has(word) || this.keys.has(stem(word, 'sv')) || this.keys.has(stem(word, 'en'))) return 1;
    // "upphandling" in "upphandlingsstrateg", and "arbetsmarknadsfrågor" about "arbetsmarknads-".
    const prefix = (a: string, b: string) => b.length >= 5 && a.startsWith(b);
    return this.words.some((w) => prefix(w, word) || (w.length >= 6 && prefix(word, w))) ? 0.8 : 0;
  }
}

/** "sagval" for "sagvall": one edit, on names long enough for that to be safe. */
function isTypoOf(word: string, name: string): boolean {
  if (name.length < 5 || Math.abs(word.length - name.length) > 1) return false;
  return editDistance(word, name) <= 1;
}

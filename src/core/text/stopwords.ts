import type { Lang } from '../lang';
import { fold } from './tokenize';

// Only the word-list modules (see stem.ts for why not natural's index).
const swedish: { words: string[] } = require('natural/lib/natural/util/stopwords_sv');
const english: { words: string[] } = require('natural/lib/natural/util/stopwords');

function withFolded(words: string[]): Set<string> {
  const set = new Set<string>();
  for (const w of words) {
    set.add(w);
    set.add(fold(w));
  }
  return set;
}

/**
 * The words people wrap a question in ("berätta om …", "tell me about …", "I'd like to know …"):
 * not in natural's lists, but no more a topic than "the" is. (Not "help", "ask", "fråga": those
 * mean the help intent.)
 */
const CONVERSATIONAL: Record<Lang, string[]> = {
  sv: [
    'berätta',
    'förklara',
    'beskriv',
    'undrar',
    'undra',
    'veta',
    'vet',
    'vill',
    'skulle',
    'snälla',
    'lite',
    'mer',
    'mycket',
  ],
  en: [
    'tell',
    'explain',
    'describe',
    'wonder',
    'wondering',
    'know',
    'want',
    'like',
    'please',
    'bit',
    'more',
    'much',
    'need',
  ],
};

/** The bot's own name is how a user addresses it ("God morgon Sofo"), never what they ask about. */
const ADDRESS = ['sofo'];

const lists: Record<Lang, Set<string>> = {
  sv: withFolded([...swedish.words, ...CONVERSATIONAL.sv, ...ADDRESS]),
  en: withFolded([...english.words, ...CONVERSATIONAL.en, ...ADDRESS]),
};

/** Function words: they still count where the knowledge base uses them, but never as unknown words. */
export function isStopword(word: string, lang: Lang): boolean {
  return lists[lang].has(word);
}

/**
 * A function word of either language: a question is often mixed ("what is a reserverat kontrakt?"),
 * and the English "what is a" is no more a topic when read against the Swedish texts.
 */
export function isAnyStopword(word: string): boolean {
  return lists.sv.has(word) || lists.en.has(word);
}

export function stopwords(lang: Lang): ReadonlySet<string> {
  return lists[lang];
}

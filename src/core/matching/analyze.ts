import type { MatchVia } from '../explain';
import type { Lang } from '../lang';
import type { Lexicon } from '../lexicon/lexicon';
import { MAX_WORD } from '../lexicon/lexicon';
import { stem } from '../text/stem';
import { isAnyStopword } from '../text/stopwords';
import { fold } from '../text/tokenize';
import type { SynonymIndex, SynonymMember } from './synonyms';
import type { Vocabulary } from './vocabulary';

/**
 * The text pipeline, step by step, for one question word:
 *   its own keys (folded stem, and the exact stem of a word with å/ä/ö) → the editors' synonyms →
 *   (if the knowledge base has none of them) a compound of known words → a compound the dictionary
 *   allows → a real word the knowledge base never uses (it counts against every entry) → a typo's
 *   correction (only for what is no word at all) → an unknown non-word.
 * Each step yields weighted keys into the index, and says how it got them (for `--explain`).
 */

/** How much each repair is trusted relative to an exact hit. */
export const WEIGHTS = { exact: 1, synonym: 0.9, part: 0.85, corrected: 0.75 } as const;

export interface Key {
  key: string;
  weight: number;
  via: MatchVia;
  /** The knowledge base's word (or the synonym, part or correction) this key stands for. */
  as: string;
}

/**
 * What a word no entry explains says about the question. A noun or name the dictionary knows ("moms",
 * "VPN", "Malmö") is a topic the knowledge base does not cover and counts fully; another real word
 * ("behöver", "likadan") is how the question is put and counts less; a non-word (a code, a name the
 * dictionary lacks, gibberish) counts by its length, since short ones are often noise.
 */
export type UnknownKind = 'noun' | 'word' | 'nonword';

export interface QueryTerm {
  token: string;
  keys: Key[];
  stopword: boolean;
  /** Set for a content word with no key in the index. */
  unknown?: UnknownKind;
}

export interface TermContext {
  lang: Lang;
  /** The knowledge base's own words in this language. */
  vocabulary: Vocabulary;
  /** This language's dictionary: compounds are split by it. */
  lexicon: Lexicon;
  /** Whether a word is a real word in any language Sofo reads. */
  isWord(word: string): boolean;
  /** Whether a word is a noun or a name in any language Sofo reads. */
  isNoun(word: string): boolean;
  synonyms: SynonymIndex;
  /** How informative an indexed key is (its idf); 0 for a key the index lacks. */
  value(key: string): number;
  /** Without repair, unknown words stay unknown (a Swedish question read against English texts). */
  repair: boolean;
}

/**
 * Every word is indexed by its folded stem ("~goteborg"); a word with diacritics also by its exact
 * stem ("göteborg"), so "får" prefers "får" but still finds "far", and "Goteborg" finds "Göteborg".
 */
export function foldedKey(word: string, lang: Lang): string {
  return `~${stem(fold(word), lang)}`;
}

function exactKey(word: string, lang: Lang): string | undefined {
  return fold(word) === word ? undefined : stem(word, lang);
}

/** The keys a knowledge text's word is indexed under (its parts too, when it is a compound). */
export function documentKeys(word: string, lang: Lang, vocabulary: Vocabulary, lexicon: Lexicon): Key[] {
  const keys: Key[] = [{ key: foldedKey(word, lang), weight: WEIGHTS.exact, via: 'word', as: word }];
  const exact = exactKey(word, lang);
  if (exact !== undefined) keys.push({ key: exact, weight: WEIGHTS.exact, via: 'word', as: word });
  // A word the dictionary lists whole ("förslag") is no compound to split ("för" + "slag").
  const parts =
    vocabulary.splitCompound(fold(word)) ??
    (word.length >= 8 && !lexicon.isListed(word) ? lexicon.split(word) : undefined);
  for (const part of parts ?? []) {
    keys.push({ key: foldedKey(part, lang), weight: WEIGHTS.part, via: 'compound', as: word });
  }
  return keys;
}

/** A question's words as terms; a compound becomes one term per part, a typo its correction. */
export function queryTerms(tokens: readonly string[], ctx: TermContext): QueryTerm[] {
  const stems = tokens.map((t) => stem(fold(t), ctx.lang));
  const terms: QueryTerm[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const phrase = ctx.repair ? ctx.synonyms.findPhrase(stems, i) : undefined;
    // A phrase the knowledge base itself uses ("reserverat kontrakt") is matched word by word; one it
    // lacks ("lagen om offentlig upphandling" where the texts say "LOU") stands for its synonyms.
    if (phrase && !phrase.member.stems.every((s) => isAnyStopword(s) || ctx.value(`~${s}`) > 0)) {
      const words = tokens.slice(i, i + phrase.member.stems.length);
      terms.push(phraseTerm(words.join(' '), phrase.member, phrase.group, ctx));
      i += words.length - 1;
      continue;
    }
    terms.push(...wordTerms(tokens[i] ?? '', ctx));
  }
  return terms;
}

function wordTerms(token: string, ctx: TermContext): QueryTerm[] {
  const stopword = isAnyStopword(token);
  const keys = ownKeys(token, ctx);
  if (keys.length > 0 || stopword) return [{ token, keys, stopword }];
  if (!ctx.repair || token.length > MAX_WORD) return [unknownTerm(token, ctx)];

  const folded = fold(token);
  const known = ctx.vocabulary.splitCompound(folded);
  if (known !== undefined) return known.map((part) => partTerm(part, ctx));

  if (ctx.isWord(token)) {
    const parts = ctx.lexicon.split(token) ?? ctx.lexicon.split(folded);
    // A compound with nothing the knowledge base knows is one unknown word, not several.
    const terms = parts?.map((part) => partTerm(part, ctx));
    if (terms?.some((t) => t.keys.length > 0)) return terms;
    return [{ token, keys: [], stopword: false, unknown: realKind(token, ctx) }];
  }

  const corrections = ctx.vocabulary
    .correct(folded)
    .map((word) => ({
      key: foldedKey(word, ctx.lang),
      weight: WEIGHTS.corrected,
      via: 'typo' as const,
      as: word,
    }))
    .filter((k) => ctx.value(k.key) > 0);
  return corrections.length > 0
    ? [{ token, keys: corrections, stopword: false }]
    : [{ token, keys: [], stopword: false, unknown: 'nonword' }];
}

/** A word's own keys that the index has, and those of its synonyms. */
function ownKeys(token: string, ctx: TermContext): Key[] {
  const exact = exactKey(token, ctx.lang);
  const candidates: Key[] =
    exact === undefined
      ? [{ key: foldedKey(token, ctx.lang), weight: WEIGHTS.exact, via: 'stem', as: token }]
      : [
          { key: exact, weight: WEIGHTS.exact, via: 'stem', as: token },
          // Folding a word typed with å/ä/ö is a guess, like a typo repair: "väder" folds and stems
          // to "vad". It may score, but it does not count as understanding the word.
          { key: foldedKey(token, ctx.lang), weight: WEIGHTS.corrected, via: 'typo', as: fold(token) },
        ];
  // A real word typed with å/ä/ö ("väder") is that word, not a folded guess at another ("vad").
  const guessed = exact !== undefined && ctx.isWord(token);
  const keys = candidates.filter((k) => ctx.value(k.key) > 0 && !(guessed && k.via === 'typo'));
  if (!ctx.repair) return keys;
  const group = ctx.synonyms.groupOf(stem(fold(token), ctx.lang));
  if (group === undefined) return keys;
  return [...keys, ...synonymKeys(ctx.synonyms.others(group, stem(fold(token), ctx.lang)), ctx)];
}

/** A synonym stands for its most informative indexed word ("arbetsintegrerande" of the phrase). */
function synonymKeys(members: readonly SynonymMember[], ctx: TermContext): Key[] {
  const keys: Key[] = [];
  for (const member of members) {
    let best: Key | undefined;
    for (const s of member.stems) {
      const key = `~${s}`;
      const value = ctx.value(key);
      if (value > 0 && (!best || value > ctx.value(best.key)))
        best = { key, weight: WEIGHTS.synonym, via: 'synonym', as: member.surface };
    }
    if (best) keys.push(best);
  }
  return keys;
}

/** A multi-word synonym in the question is one term: "lagen om offentlig upphandling" is "LOU". */
function phraseTerm(text: string, member: SynonymMember, group: number, ctx: TermContext): QueryTerm {
  const own = synonymKeys([member], ctx).map((k) => ({ ...k, weight: WEIGHTS.exact, via: 'word' as const }));
  const others = synonymKeys(ctx.synonyms.others(group, member.stems.join(' ')), ctx);
  return { token: text, keys: [...own, ...others], stopword: false };
}

/** A part of a split compound: every part is a word (the split was made of words), so never a typo. */
function partTerm(part: string, ctx: TermContext): QueryTerm {
  const keys = ownKeys(part, ctx).map((k) => ({
    ...k,
    weight: k.weight * WEIGHTS.part,
    via: k.via === 'synonym' ? k.via : ('compound' as const),
    as: k.via === 'synonym' ? k.as : part,
  }));
  if (keys.length > 0) return { token: part, keys, stopword: false };
  const stopword = isAnyStopword(part);
  return stopword
    ? { token: part, keys: [], stopword }
    : { token: part, keys: [], stopword, unknown: realKind(part, ctx) };
}

function unknownTerm(token: string, ctx: TermContext): QueryTerm {
  const stopword = isAnyStopword(token);
  if (stopword) return { token, keys: [], stopword };
  return { token, keys: [], stopword, unknown: ctx.isWord(token) ? realKind(token, ctx) : 'nonword' };
}

function realKind(word: string, ctx: TermContext): UnknownKind {
  return ctx.isNoun(word) ? 'noun' : 'word';
}

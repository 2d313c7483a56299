import {
  type Contact,
  ENTRY_TYPES,
  type Entry,
  type EntryType,
  type KnowledgeBase,
  type Link,
} from '../core/knowledge/model';
import { type Bilingual, LANGS, type Lang } from '../core/lang';
import { isStopword } from '../core/text/stopwords';
import { tokenize } from '../core/text/tokenize';

/** mulberry32: a small seeded PRNG, so the same seed always gives the same knowledge base. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the real entries offer, in one language, to recombine. */
interface Material {
  /** Content words as they occur, repeats included: drawing from it follows the real word frequencies. */
  words: string[];
  titles: string[];
  questions: string[];
  texts: string[];
}

const TYPES: EntryType[] = ENTRY_TYPES.filter((t) => t !== 'about');

/**
 * A knowledge base of `size` entries: the real ones, and made-up ones recombined from the real entries'
 * Swedish and English. Each made-up entry takes real titles, questions and texts as templates, keeps their
 * function words and replaces the content words with its own topic words (drawn with the real
 * frequencies) and other real words; it also gets an invented name (two real words spliced, like a place or
 * a company), which makes ids and titles distinct and grows the vocabulary the way more entries would.
 * Contacts, intents, fallback and contact cues are the real ones.
 */
export function syntheticKnowledgeBase(real: KnowledgeBase, size: number, seed = 20240611): KnowledgeBase {
  const random = seededRandom(seed);
  const material = { sv: materialOf(real, 'sv'), en: materialOf(real, 'en') };
  const links = real.entries.flatMap((e) => e.links);
  const known = new Set([...material.sv.words, ...material.en.words]);
  const names = new Set<string>();
  const entries: Entry[] = [...real.entries];
  for (let n = 1; entries.length < size; n++) {
    const name = inventName(random, material.sv.words, known, names);
    entries.push(makeEntry(n, name, { contacts: real.contacts, links }, material, random));
  }
  return { ...real, entries };
}

function materialOf(kb: KnowledgeBase, lang: Lang): Material {
  const texts = kb.entries.map((e) => e.text[lang]);
  const titles = kb.entries.map((e) => e.title[lang]);
  const questions = kb.entries.flatMap((e) => e.questions[lang]);
  const words = [...titles, ...questions, ...texts]
    .flatMap(tokenize)
    .filter((w) => w.length > 2 && !/\p{N}/u.test(w) && !isStopword(w, lang));
  return { words, titles, questions, texts };
}

function makeEntry(
  n: number,
  name: string,
  shared: { contacts: readonly Contact[]; links: readonly Link[] },
  material: Record<Lang, Material>,
  random: () => number,
): Entry {
  const id = `synthetic-${String(n).padStart(5, '0')}`;
  // Each language gets its own topic words: the entries are made up, not translations of each other.
  const topics = {
    sv: draw(random, material.sv.words, 3 + int(random, 3)),
    en: draw(random, material.en.words, 3 + int(random, 3)),
  };
  const perLang = <T>(make: (lang: Lang, topic: string[]) => T): Bilingual<T> => {
    const out = {} as Bilingual<T>;
    for (const lang of LANGS) out[lang] = make(lang, topics[lang]);
    return out;
  };
  const fill = (lang: Lang, template: string, topic: string[], keep: number) =>
    recombine(template, lang, topic, material[lang].words, keep, random);
  return {
    id,
    type: pick(random, TYPES),
    title: perLang(
      (lang, topic) => `${capitalize(fill(lang, pick(random, material[lang].titles), topic, 0))} – ${name}`,
    ),
    questions: perLang((lang, topic) => {
      const count = 5 + int(random, 6);
      const questions = new Set<string>();
      for (let tries = 0; questions.size < count && tries < count * 4; tries++) {
        const question = capitalize(fill(lang, pick(random, material[lang].questions), topic, 0));
        questions.add(random() < 0.3 ? `${question.replace(/[?.!]*$/, '')} – ${name}?` : question);
      }
      return [...questions];
    }),
    text: perLang((lang, topic) => `${name}: ${fill(lang, pick(random, material[lang].texts), topic, 0.3)}`),
    keywords: perLang((lang, topic) => [
      ...new Set([
        name.toLowerCase(),
        ...topic,
        ...Array.from({ length: 2 + int(random, 3) }, () => draw(random, material[lang].words, 2).join(' ')),
      ]),
    ]),
    contactIds: draw(random, shared.contacts, int(random, 3)).map((c) => c.id),
    links: draw(random, shared.links, int(random, 2)),
    // Earlier made-up entries only, so every reference exists.
    related: n > 1 ? [`synthetic-${String(1 + int(random, n - 1)).padStart(5, '0')}`] : [],
    file: `synthetic/${id}.md`,
  };
}

/**
 * A real sentence with its content words swapped: each one stays with probability `keep`, else becomes
 * one of the topic words (most often) or another real word. Function words, numbers and punctuation stay.
 */
function recombine(
  template: string,
  lang: Lang,
  topic: readonly string[],
  words: readonly string[],
  keep: number,
  random: () => number,
): string {
  return template.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const lower = word.toLowerCase();
    if (/\p{N}/u.test(word) || isStopword(lower, lang) || random() < keep) return word;
    return random() < 0.6 ? pick(random, topic) : pick(random, words);
  });
}

/** "Upphandkorg": the start of one real word and the end of another, new to the knowledge base. */
function inventName(
  random: () => number,
  words: readonly string[],
  known: ReadonlySet<string>,
  used: Set<string>,
) {
  for (;;) {
    const head = pick(random, words);
    const tail = pick(random, words);
    if (head.length < 4 || tail.length < 4) continue;
    const word =
      head.slice(0, 2 + int(random, head.length - 2)) + tail.slice(-2 - int(random, tail.length - 3));
    if (word.length < 5 || known.has(word) || used.has(word)) continue;
    used.add(word);
    return capitalize(word);
  }
}

function int(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[int(random, items.length)] as T;
}

/** `count` distinct items (fewer if there are not that many). */
function draw<T>(random: () => number, items: readonly T[], count: number): T[] {
  const out = new Set<T>();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(pick(random, items));
  return [...out];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

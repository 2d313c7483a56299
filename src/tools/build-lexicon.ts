import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import type { Lang } from '../core/lang';
import { BloomFilter } from '../core/lexicon/bloom';
import { KEY, MAX_WORD } from '../core/lexicon/lexicon';
import { LEXICON_DIR, lexiconFile } from '../core/lexicon/load';
import { fold } from '../core/text/tokenize';

/**
 * `npm run build` compiles the hunspell dictionaries (dictionary-sv, dictionary-en) into Bloom filters
 * of what each word may be: a standalone word, or a compound's first, middle or last part. hunspell-
 * reader expands the dictionaries' affix rules; this runs once per dictionary version (a few seconds),
 * so that loading the result at start takes milliseconds.
 */
const PACKAGES: Record<Lang, string> = { sv: 'dictionary-sv', en: 'dictionary-en' };
const FALSE_POSITIVE_RATE = 0.001;

/**
 * Which dictionary entries are nouns (or names), told by the affix classes their hunspell entry takes:
 * a topic the knowledge base does not cover is usually a noun ("moms", "lön", "VPN", "Malmö"), while
 * verbs, adjectives and adverbs a question wraps its topic in ("behöver", "likadan", "egentligen")
 * say much less. Swedish: definite and plural endings (B–J) without verb or comparison classes
 * (K–N, m, O–R); English: the possessive (M). A capitalised entry is a name.
 */
const NOUN_CLASSES: Record<Lang, { noun: RegExp; other: RegExp }> = {
  sv: { noun: /[B-J]/, other: /[K-NmO-R]/ },
  en: { noun: /M/, other: /$^/ },
};

export function isNounEntry(entry: string, lang: Lang): boolean {
  const [root = '', flags = ''] = entry.split('/');
  if (/^\p{Lu}/u.test(root)) return true;
  const { noun, other } = NOUN_CLASSES[lang];
  return noun.test(flags) && !other.test(flags);
}

interface AffWordLike {
  word: string;
  dic: string;
  flags: {
    isCompoundPermitted?: true;
    canBeCompoundBegin?: true;
    canBeCompoundMiddle?: true;
    canBeCompoundEnd?: true;
    isOnlyAllowedInCompound?: true;
    isForbiddenWord?: true;
  };
}

async function compile(lang: Lang): Promise<{ keys: number; bytes: number }> {
  const dir = dirname(require.resolve(PACKAGES[lang]));
  const { HunspellReader } = (await import('hunspell-reader')) as {
    HunspellReader: {
      createFromFiles(aff: string, dic: string): Promise<{ seqAffWords(): Iterable<AffWordLike> }>;
    };
  };
  const reader = await HunspellReader.createFromFiles(join(dir, 'index.aff'), join(dir, 'index.dic'));
  const keys = new Set<string>();
  for (const { word, flags, dic } of reader.seqAffWords()) {
    if (flags.isForbiddenWord || word.length > MAX_WORD || !/\p{L}/u.test(word)) continue;
    const lower = word.toLowerCase();
    const noun = isNounEntry(dic, lang);
    for (const form of new Set([lower, fold(lower)])) {
      if (!flags.isOnlyAllowedInCompound) keys.add(KEY.word + form);
      if (noun && !flags.isOnlyAllowedInCompound) keys.add(KEY.noun + form);
      const any = flags.isCompoundPermitted;
      if (any || flags.canBeCompoundBegin) keys.add(KEY.begin + form);
      if (any || flags.canBeCompoundMiddle) keys.add(KEY.middle + form);
      if (any || flags.canBeCompoundEnd) keys.add(KEY.end + form);
    }
  }
  const filter = BloomFilter.sized(keys.size, FALSE_POSITIVE_RATE);
  for (const key of keys) filter.add(key);
  const bytes = filter.serialize();
  const file = lexiconFile(PROJECT_ROOT, lang);
  writeFileSync(`${file}.tmp`, bytes);
  renameSync(`${file}.tmp`, file);
  return { keys: keys.size, bytes: bytes.length };
}

function versionOf(pkg: string): string {
  const dir = dirname(require.resolve(pkg));
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const out = join(PROJECT_ROOT, LEXICON_DIR);
  mkdirSync(out, { recursive: true });
  const metaFile = join(out, 'meta.json');
  const wanted = JSON.stringify({
    format: 2,
    rate: FALSE_POSITIVE_RATE,
    sv: versionOf(PACKAGES.sv),
    en: versionOf(PACKAGES.en),
  });
  const upToDate =
    existsSync(metaFile) &&
    readFileSync(metaFile, 'utf8') === wanted &&
    (['sv', 'en'] as const).every((l) => existsSync(lexiconFile(PROJECT_ROOT, l)));
  if (upToDate && !process.argv.includes('--force')) return;
  for (const lang of ['sv', 'en'] as const) {
    const { keys, bytes } = await compile(lang);
    process.stderr.write(`lexicon ${lang}: ${keys} keys, ${(bytes / 1e6).toFixed(1)} MB\n`);
  }
  writeFileSync(metaFile, wanted);
}

main().catch((error: unknown) => {
  process.stderr.write(`build-lexicon: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

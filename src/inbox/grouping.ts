import { createHash } from 'node:crypto';
import type { Lang } from '../core/lang';
import { PLACEHOLDERS } from '../core/text/scrub';
import { stem } from '../core/text/stem';
import { isStopword } from '../core/text/stopwords';
import { tokenize } from '../core/text/tokenize';
import type { InboxCandidate, InboxItem, InboxOutcome } from '../storage/inbox';

/**
 * Similar questions sit together so an editor fixes a gap once: questions are keyed by the words that
 * matter (content words, stemmed, in order-free form), and keys that share most of their words and
 * went to the same best candidate join one group ("utbildning i upphandling", "kurs i upphandling?").
 */

/**
 * Maps a content word to the form it groups under: its stem, or with the editors' synonyms
 * (synonym-key.ts) its synonym group, so "kurs" and "utbildning" share a key outright.
 */
export type Canonical = (word: string, lang: Lang) => string;
const asIs: Canonical = (word, lang) => stem(word, lang);

const PLACEHOLDER_TEXT = new RegExp(
  Object.values(PLACEHOLDERS)
    .map((p) => p.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The content-word stems of a question, sorted and unique: its grouping key's parts. */
export function contentStems(text: string, lang: Lang, canonical: Canonical = asIs): string[] {
  const words = tokenize(text.replace(PLACEHOLDER_TEXT, ' ')).filter((w) => !isStopword(w, lang));
  return [...new Set(words.map((w) => canonical(w, lang)))].sort();
}

export function groupKey(text: string, lang: Lang, canonical: Canonical = asIs): string {
  return contentStems(text, lang, canonical).join(' ');
}

export interface InboxGroup {
  /** Stable while the group's first question is in the inbox: derived from its key. */
  id: string;
  count: number;
  /** The most frequent outcome among its questions. */
  outcome: InboxOutcome;
  lang: Lang;
  /** Distinct question texts, most asked first. */
  examples: string[];
  /** The candidates its questions went to, best score first. */
  candidates: InboxCandidate[];
  /** Every key in the group (what "ignore" ignores). */
  keys: string[];
  /** The questions in the group (what "add" and "draft" take and then remove). */
  itemIds: string[];
  /** ISO 8601 of the latest question. */
  last: string;
}

export function groupId(key: string): string {
  return `g${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

interface KeyBucket {
  key: string;
  stems: string[];
  best: string;
  items: InboxItem[];
}

/**
 * Groups inbox questions by the keys made when they were kept (or, given `canonical`, made anew).
 * Exact keys first (whatever the candidates), then each key joins the first earlier group whose anchor
 * (its oldest key) has the same best candidate and shares at least half of the longer key's words.
 * Comparing with anchors only, not with every member, keeps groups from chaining into one, and keeps
 * the cost at keys × anchors-sharing-a-word rather than keys².
 */
export function groupInbox(
  items: readonly InboxItem[],
  options: { ignored?: ReadonlySet<string>; canonical?: Canonical } = {},
): InboxGroup[] {
  const { canonical } = options;
  const buckets = new Map<string, KeyBucket>();
  for (const item of items) {
    // The key made when the question was kept, unless asked to make keys anew (other synonyms).
    const stems = canonical ? contentStems(item.text, item.lang, canonical) : splitKey(item.key);
    const key = stems.join(' ');
    if (options.ignored?.has(key) || options.ignored?.has(item.key)) continue;
    let bucket = buckets.get(key);
    if (!bucket) {
      // The same words are the same question; the first one's best candidate decides what it may join.
      bucket = { key, stems, best: item.candidates[0]?.id ?? '', items: [] };
      buckets.set(key, bucket);
    }
    bucket.items.push(item);
  }

  const anchors: { anchor: KeyBucket; members: KeyBucket[] }[] = [];
  // Anchors by (best candidate, word): a key only meets anchors it shares a word with.
  const byWord = new Map<string, number[]>();
  for (const bucket of buckets.values()) {
    const home = findAnchor(bucket, anchors, byWord);
    if (home !== undefined) {
      anchors[home]?.members.push(bucket);
      continue;
    }
    const at = anchors.push({ anchor: bucket, members: [bucket] }) - 1;
    for (const word of bucket.stems) {
      const slot = `${bucket.best}\u0000${word}`;
      const list = byWord.get(slot);
      if (list) list.push(at);
      else byWord.set(slot, [at]);
    }
  }
  return anchors.map(({ anchor, members }) => summarise(anchor.key, members)).sort(byCountThenRecent);
}

function splitKey(key: string): string[] {
  return key === '' ? [] : key.split(' ');
}

function findAnchor(
  bucket: KeyBucket,
  anchors: readonly { anchor: KeyBucket }[],
  byWord: ReadonlyMap<string, number[]>,
): number | undefined {
  let found: number | undefined;
  const seen = new Set<number>();
  for (const word of bucket.stems) {
    for (const at of byWord.get(`${bucket.best}\u0000${word}`) ?? []) {
      if (seen.has(at) || (found !== undefined && at > found)) continue;
      seen.add(at);
      const anchor = anchors[at]?.anchor;
      if (anchor && similar(anchor.stems, bucket.stems)) found = at;
    }
  }
  return found;
}

function similar(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  const shared = b.filter((w) => set.has(w)).length;
  return shared > 0 && shared * 2 >= Math.max(a.length, b.length);
}

function summarise(anchorKey: string, members: readonly KeyBucket[]): InboxGroup {
  const items = members.flatMap((m) => m.items);
  const texts = new Map<string, number>();
  const outcomes = new Map<InboxOutcome, number>();
  const langs = new Map<Lang, number>();
  const scores = new Map<string, number>();
  let last = '';
  for (const item of items) {
    texts.set(item.text, (texts.get(item.text) ?? 0) + 1);
    outcomes.set(item.outcome, (outcomes.get(item.outcome) ?? 0) + 1);
    langs.set(item.lang, (langs.get(item.lang) ?? 0) + 1);
    for (const c of item.candidates) scores.set(c.id, Math.max(scores.get(c.id) ?? 0, c.score));
    if (item.at > last) last = item.at;
  }
  return {
    id: groupId(anchorKey),
    count: items.length,
    outcome: mostFrequent(outcomes) ?? 'fallback',
    lang: mostFrequent(langs) ?? 'sv',
    examples: [...texts.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text),
    candidates: [...scores.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([id, score]) => ({ id, score })),
    keys: [...new Set(members.map((m) => m.key))],
    itemIds: items.map((i) => i.id),
    last,
  };
}

function mostFrequent<T>(counts: ReadonlyMap<T, number>): T | undefined {
  let best: T | undefined;
  let most = 0;
  for (const [value, n] of counts) {
    if (n > most) {
      best = value;
      most = n;
    }
  }
  return best;
}

function byCountThenRecent(a: InboxGroup, b: InboxGroup): number {
  return b.count - a.count || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0);
}

import type { KnowledgeBase } from '../core/knowledge/model';
import type { Lang } from '../core/lang';
import { SynonymIndex } from '../core/matching/synonyms';
import { stem } from '../core/text/stem';
import { fold } from '../core/text/tokenize';
import type { Canonical } from './grouping';

const cache = new WeakMap<KnowledgeBase, Canonical>();

/**
 * Grouping by the editors' synonyms (knowledge/synonyms.yaml): a word in a synonym group groups as the
 * group's first word, any other word as its stem. One per knowledge base, so a reload brings new groups.
 */
export function synonymCanonical(kb: KnowledgeBase): Canonical {
  const known = cache.get(kb);
  if (known) return known;
  const indexes: Record<Lang, SynonymIndex> | undefined = kb.synonyms
    ? { sv: new SynonymIndex(kb.synonyms, 'sv'), en: new SynonymIndex(kb.synonyms, 'en') }
    : undefined;
  const canonical: Canonical = (word, lang) => {
    const group = indexes?.[lang].groupOf(stem(fold(word), lang));
    if (group === undefined) return stem(word, lang);
    return `=${kb.synonyms?.[lang][group]?.[0] ?? group}`;
  };
  cache.set(kb, canonical);
  return canonical;
}

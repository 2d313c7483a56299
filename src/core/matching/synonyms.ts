import type { SynonymGroups } from '../knowledge/synonyms';
import type { Lang } from '../lang';
import { stem } from '../text/stem';
import { fold, tokenize } from '../text/tokenize';

/** One member of a synonym group, as the matcher compares it: the stems of its words, folded. */
export interface SynonymMember {
  surface: string;
  stems: string[];
}

/**
 * The editors' synonym groups of one language, looked up by stem: "julklappar" finds the group of
 * "julklapp", "present" and "gåva". Multi-word members ("lagen om offentlig upphandling") are found as
 * phrases in the question.
 */
export class SynonymIndex {
  private readonly groups: SynonymMember[][];
  private readonly byStem = new Map<string, number>();
  /** Multi-word members, longest first, so the longest phrase in a question wins. */
  readonly phrases: { member: SynonymMember; group: number }[] = [];

  constructor(groups: SynonymGroups, lang: Lang) {
    this.groups = groups[lang].map((members) =>
      members.map((surface) => ({ surface, stems: tokenize(surface).map((w) => stem(fold(w), lang)) })),
    );
    this.groups.forEach((members, g) => {
      for (const member of members) {
        const [only, ...more] = member.stems;
        if (only === undefined) continue;
        if (more.length > 0) {
          this.phrases.push({ member, group: g });
          continue;
        }
        this.byStem.set(only, g);
        // The stemmer is not always consistent with itself ("kurs" → "kur", but "kurser" → "kurs"):
        // the member's own folded form is a key too, so its inflections still find the group.
        const plain = fold(member.surface.toLowerCase());
        if (!this.byStem.has(plain)) this.byStem.set(plain, g);
      }
    });
    this.phrases.sort((a, b) => b.member.stems.length - a.member.stems.length);
  }

  /** The group a word's folded stem belongs to. */
  groupOf(foldedStem: string): number | undefined {
    return this.byStem.get(foldedStem);
  }

  /** The other members of a group: everything the word may stand for. */
  others(group: number, except: string): SynonymMember[] {
    return (this.groups[group] ?? []).filter((m) => m.stems.join(' ') !== except);
  }

  /** Where a multi-word member starts in the question's folded stems, longest first. */
  findPhrase(stems: readonly string[], from: number): { member: SynonymMember; group: number } | undefined {
    return this.phrases.find(({ member }) => member.stems.every((s, i) => stems[from + i] === s));
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Bilingual, LANGS } from '../lang';
import { fold, tokenize } from '../text/tokenize';
import type { Problem } from './problems';
import { YamlSource } from './yaml-source';

/**
 * knowledge/synonyms.yaml: groups of words (or short phrases) that mean the same thing to a buyer, per
 * language. Editors keep it; the matcher counts a synonym as a match, a little weaker than the word.
 */
export type SynonymGroups = Bilingual<string[][]>;

export const NO_SYNONYMS: SynonymGroups = { sv: [], en: [] };

const groupSchema = z.array(z.string());
const fileSchema = z.strictObject({
  sv: z.array(groupSchema).default([]),
  en: z.array(groupSchema).default([]),
});

/** A group member's comparable form: its words, lower-cased and folded ("ASF" → "asf"). */
export function memberKey(member: string): string {
  return tokenize(member).map(fold).join(' ');
}

/**
 * Reads and checks the file: a group needs two members or more, and a word may stand in one group only
 * (in two, it would join them: say so and let the editor merge them). A missing file is no synonyms.
 */
export function readSynonyms(path: string, file: string, problems: Problem[]): SynonymGroups {
  if (!existsSync(path)) return NO_SYNONYMS;
  const source = new YamlSource(file, readFileSync(path, 'utf8'));
  const parsed = source.ok ? source.parse(fileSchema, [], source.value() ?? {}) : undefined;
  if (parsed) {
    for (const lang of LANGS) {
      const seen = new Map<string, number>();
      parsed[lang].forEach((group, g) => {
        if (group.length < 2) {
          source.report(
            [lang, g],
            'en grupp behöver minst två ord som betyder samma sak / a group needs at least two words',
          );
        }
        group.forEach((member, m) => {
          const key = memberKey(member);
          if (key === '') {
            source.report([lang, g, m], `"${member}" har inga bokstäver / has no letters`);
            return;
          }
          const other = seen.get(key);
          if (other !== undefined && other !== g) {
            source.report(
              [lang, g, m],
              `"${member}" står redan i grupp ${other + 1}: slå ihop grupperna eller ta bort ordet ur en av dem / already in group ${other + 1}: merge the groups or remove it from one`,
            );
          }
          seen.set(key, g);
        });
      });
    }
  }
  problems.push(...source.problems);
  return source.problems.length === 0 && parsed ? parsed : NO_SYNONYMS;
}

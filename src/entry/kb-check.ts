import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import {
  checkKnowledge,
  type Finding,
  formatFinding,
  problemFinding,
  sortFindings,
} from '../core/knowledge/check';
import { loadKnowledge } from '../core/knowledge/load';
import { KnowledgeError } from '../core/knowledge/problems';
import type { Lang } from '../core/lang';
import { engineFor, knowledgePaths } from './load-engine';
import { UsageError } from './usage-error';

/**
 * `sofo kb check [--lang en]`: every problem with file, line, field and what to do, in Swedish unless
 * asked otherwise. Errors fail (exit 1), warnings pass (exit 0): CI goes red only for what must change.
 */
export function kbCheck(config: Config, args: string[]): number {
  const { values } = parseArgs({ args, options: { lang: { type: 'string' } } });
  const lang = values.lang ?? 'sv';
  if (lang !== 'sv' && lang !== 'en') throw new UsageError(`--lang must be sv or en, got "${lang}"`);
  const paths = knowledgePaths(config);
  let findings: Finding[];
  let summary = '';
  try {
    const kb = loadKnowledge(paths);
    const engine = engineFor(kb);
    findings = checkKnowledge(kb, paths, (text, l) => engine.ask(text, { lang: l }));
    summary = `${kb.entries.length} poster/entries, ${kb.contacts.length} kontakter/contacts, ${kb.intents.length} intents, ${kb.tips.length} tips`;
  } catch (error) {
    // The knowledge does not load: those problems first; the other checks need a loaded knowledge base.
    if (!(error instanceof KnowledgeError)) throw error;
    findings = error.problems.map(problemFinding);
  }
  const sorted = sortFindings(findings);
  const errors = sorted.filter((f) => f.severity === 'error').length;
  const warnings = sorted.length - errors;
  const out = errors > 0 ? process.stderr : process.stdout;
  for (const f of sorted) out.write(`${formatFinding(f, lang as Lang)}\n`);
  out.write(`${verdict(errors, warnings, summary, lang as Lang)}\n`);
  return errors > 0 ? 1 : 0;
}

function verdict(errors: number, warnings: number, summary: string, lang: Lang): string {
  const w =
    lang === 'sv'
      ? `${warnings} ${warnings === 1 ? 'varning' : 'varningar'}`
      : `${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (errors > 0) {
    return lang === 'sv'
      ? `${errors} fel och ${w}: rätta felen (varningar får stå kvar) och kör sofo kb check igen`
      : `${errors} error${errors === 1 ? '' : 's'} and ${w}: fix the errors (warnings may stay) and run sofo kb check again`;
  }
  return `OK: ${summary}${warnings > 0 ? ` (${w})` : ''}`;
}

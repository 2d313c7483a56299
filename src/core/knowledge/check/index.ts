import { join, relative } from 'node:path';
import { answerOpeningProblems } from '../answer-opening';
import type { KnowledgePaths } from '../load';
import type { KnowledgeBase } from '../model';
import { checkAnswers } from './answers';
import type { Finding } from './finding';
import { checkLinks, readLinkPolicy } from './links';
import { Locator } from './locate';
import { problemFinding } from './messages';
import { type Ask, checkDuplicateQuestions, checkOwnQuestions } from './questions';

export { type Finding, formatFinding, type Severity, sortFindings } from './finding';
export { problemFinding } from './messages';
export type { Ask } from './questions';

/**
 * `sofo kb check` beyond loading: what a knowledge base that loads can still get wrong for its users.
 * Links (https, allowed sites, home pages), answer lengths, too few phrasings, the same question in two
 * entries, an entry's own question answered by another entry, an answer opening with a verdict.
 */
export function checkKnowledge(kb: KnowledgeBase, paths: KnowledgePaths, ask: Ask): Finding[] {
  const locate = new Locator(paths.root);
  const { policy, findings } = readLinkPolicy(paths.knowledgeDir, paths.root);
  const fallbackFile = relative(paths.root, join(paths.intentsDir, 'fallback.yaml'));
  return [
    ...findings.map((f) => (f.sv === f.en ? problemFinding({ ...f, message: f.en }) : f)),
    ...(policy ? checkLinks(kb, policy, fallbackFile, locate) : []),
    ...checkAnswers(kb, locate),
    ...checkDuplicateQuestions(kb, locate),
    ...checkOwnQuestions(kb, ask, locate),
    ...answerOpeningProblems(kb.entries).map(problemFinding),
  ];
}

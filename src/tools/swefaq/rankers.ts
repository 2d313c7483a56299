import { Engine } from '../../core/engine';
import { projectLexicons } from '../../entry/load-engine';
import { bm25Ranker } from '../peers/bm25';
import { answerIndex, categoryKnowledgeBase } from './knowledge';
import type { Ranker } from './score';

/** Sofo's engine for one category, with the same dictionaries as the engine `sofo serve` builds. */
function categoryEngine(answers: readonly string[]): Engine {
  return new Engine(categoryKnowledgeBase(answers), { lexicons: projectLexicons() });
}

/**
 * Sofo's ranking, one knowledge base per category, asked in Swedish: the entry its explanation ranks
 * first, whether or not it would be sure enough to answer. SweFAQ always has an answer among the
 * candidates, so this forced choice is what the benchmark measures.
 */
export const sofoRanker: Ranker = (answers) => {
  const engine = categoryEngine(answers);
  return (question) => {
    const [best] = engine.explain(question, { lang: 'sv' }).explanation.candidates;
    return best === undefined ? undefined : answerIndex(best.id);
  };
};

/**
 * Sofo as a user meets it: `ask()` with its thresholds. Right when it answers (or asks back first with)
 * the right entry; a fallback is a miss here, since every SweFAQ question has an answer.
 */
export const sofoReplyRanker: Ranker = (answers) => {
  const engine = categoryEngine(answers);
  return (question) => {
    const reply = engine.ask(question, { lang: 'sv' });
    return reply.kind === 'fallback' ? undefined : answerIndex(reply.id);
  };
};

export const bm25SwedishRanker: Ranker = (answers) => bm25Ranker(answers, 'sv');

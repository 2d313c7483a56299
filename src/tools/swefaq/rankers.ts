import { Engine } from '../../core/engine';
import { Matcher } from '../../core/matching/matcher';
import { cleanText } from '../../core/text/clean';
import { tokenize } from '../../core/text/tokenize';
import { bm25Ranker } from '../peers/bm25';
import { answerIndex, categoryKnowledgeBase } from './knowledge';
import type { Ranker } from './score';

/**
 * Sofo's ranking, one knowledge base per category, in Swedish: the entry it ranks first, whether or not
 * it would be sure enough to answer. SweFAQ always has an answer among the candidates, so this is the
 * forced choice the benchmark measures. With no intents, contacts or cues in these knowledge bases the
 * engine's own steps before ranking (greetings, intents, people) have nothing to act on, so the matcher's
 * ranking of the cleaned, tokenized question is the engine's.
 */
export const sofoRanker: Ranker = (answers) => {
  const matcher = new Matcher(categoryKnowledgeBase(answers));
  return (question) => {
    const [best] = matcher.rank(tokenize(cleanText(question)), 'sv');
    return best === undefined ? undefined : answerIndex(best.id);
  };
};

/**
 * Sofo as a user meets it: `ask()` with its thresholds. Right when it answers (or asks back first with)
 * the right entry; a fallback is a miss here, since every SweFAQ question has an answer.
 */
export const sofoReplyRanker: Ranker = (answers) => {
  const engine = new Engine(categoryKnowledgeBase(answers));
  return (question) => {
    const reply = engine.ask(question, { lang: 'sv' });
    return reply.kind === 'fallback' ? undefined : answerIndex(reply.id);
  };
};

export const bm25SwedishRanker: Ranker = (answers) => bm25Ranker(answers, 'sv');

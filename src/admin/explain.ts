import type { ExplainOutcome, Explanation } from '../core/explain';
import type { Reply } from '../core/reply/model';
import { candidatesOf } from '../inbox/recorder';

const OUTCOMES: Record<Reply['kind'], ExplainOutcome> = {
  answer: 'answer',
  clarify: 'clarify',
  fallback: 'fallback',
  smalltalk: 'smalltalk',
  contacts: 'contact',
  list: 'list',
};

/**
 * The test panel's explanation while the engine has no explain of its own: the outcome and the
 * candidates with the scores a Reply carries, without matched words. Replaced by Engine.explain.
 */
export function explanationFromReply(reply: Reply): Explanation {
  return {
    outcome: OUTCOMES[reply.kind],
    threshold: 0,
    candidates: candidatesOf(reply).map((c) => ({ ...c, matched: [], unexplained: [] })),
    reason: 'from the reply: matched words come with the engine’s explain',
  };
}

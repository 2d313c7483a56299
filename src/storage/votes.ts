import { createHash } from 'node:crypto';
import { scrubForStorage } from '../core/text/scrub';
import type { FeedbackRecord } from './store';

/** A vote as every backend stores it: the question scrubbed of personal data and capped. */
export function storedVote(record: FeedbackRecord): FeedbackRecord {
  return {
    entryId: record.entryId.slice(0, 200),
    question: scrubForStorage(record.question),
    vote: record.vote,
    platform: record.platform,
    user: record.user,
    at: record.at,
  };
}

/**
 * The reply a vote is about: the entry answered to that question on that platform. One vote per
 * (reply, user): a replayed click or a double click is the same vote, a second click changes it.
 */
export function replyKey(record: FeedbackRecord): string {
  return createHash('sha256')
    .update(`${record.platform}\n${record.entryId}\n${record.question}`)
    .digest('hex')
    .slice(0, 32);
}

/** The identity of a stored vote (of a record already passed through storedVote). */
export function voteKey(record: FeedbackRecord): string {
  return `${replyKey(record)}:${record.user}`;
}

import { randomBytes } from 'node:crypto';
import type { FeedbackRecord, Store } from './store';

/** The store for tests and for running without a data file. */
export class MemoryStore implements Store {
  readonly feedback: FeedbackRecord[] = [];
  private readonly secret = randomBytes(16).toString('hex');

  async addFeedback(record: FeedbackRecord): Promise<void> {
    this.feedback.push(record);
  }

  async listFeedback(): Promise<FeedbackRecord[]> {
    return [...this.feedback];
  }

  async salt(): Promise<string> {
    return this.secret;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { StoreError } from './errors';
import type { ConversationRecord, FeedbackRecord, Platform, Store } from './store';

interface Data {
  version: 1;
  salt: string;
  feedback: FeedbackRecord[];
  /** Added with Teams; a file written before it has none and gets an empty list. */
  conversations: ConversationRecord[];
}

/**
 * The embedded default: one JSON file (SOFO_DATA). lowdb writes through steno, which writes a temporary
 * file and renames it, so a crash mid-write leaves the previous file whole. Writes are queued here so
 * that two updates in flight never interleave.
 */
export class LowdbStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Low<Data>,
    readonly file: string,
  ) {}

  /** Opens (or creates) the file; refuses a file it cannot read rather than overwrite someone's data. */
  static async open(file: string): Promise<LowdbStore> {
    mkdirSync(dirname(file), { recursive: true });
    const fresh: Data = {
      version: 1,
      salt: randomBytes(16).toString('hex'),
      feedback: [],
      conversations: [],
    };
    const db = new Low<Data>(new JSONFile<Data>(file), fresh);
    try {
      await db.read();
    } catch (error) {
      throw new StoreError(
        file,
        `cannot be read as JSON (${(error as Error).message}). Move it aside to start with an empty store; it was left untouched.`,
      );
    }
    if (typeof db.data !== 'object' || db.data === null || !Array.isArray(db.data.feedback)) {
      throw new StoreError(file, 'is not a Sofo data file (no "feedback" list). It was left untouched.');
    }
    if (db.data.conversations !== undefined && !Array.isArray(db.data.conversations)) {
      throw new StoreError(file, '"conversations" is not a list. The file was left untouched.');
    }
    db.data = { ...fresh, ...db.data };
    const store = new LowdbStore(db, file);
    await store.update(() => undefined);
    return store;
  }

  addFeedback(record: FeedbackRecord): Promise<void> {
    return this.update((data) => {
      data.feedback.push(record);
    });
  }

  async listFeedback(): Promise<FeedbackRecord[]> {
    return [...this.db.data.feedback];
  }

  async salt(): Promise<string> {
    return this.db.data.salt;
  }

  async saveConversation(given: ConversationRecord): Promise<boolean> {
    const record = structuredClone(given);
    let isNew = false;
    await this.update((data) => {
      const at = data.conversations.findIndex((c) => c.platform === record.platform && c.id === record.id);
      isNew = at < 0;
      if (isNew) data.conversations.push(record);
      else data.conversations[at] = record;
    });
    return isNew;
  }

  async removeConversation(platform: Platform, id: string): Promise<boolean> {
    let removed = false;
    await this.update((data) => {
      const before = data.conversations.length;
      data.conversations = data.conversations.filter((c) => !(c.platform === platform && c.id === id));
      removed = data.conversations.length < before;
    });
    return removed;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return structuredClone(this.db.data.conversations);
  }

  /** Applies a change and writes it, one change at a time. */
  private update(change: (data: Data) => void): Promise<void> {
    const next = this.queue.then(async () => {
      change(this.db.data);
      await this.db.write();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

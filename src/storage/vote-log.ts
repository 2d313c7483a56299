import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { StoreError } from './errors';
import { PRIVATE_MODE, writeAtomic } from './private-file';
import type { FeedbackRecord } from './store';
import { voteKey } from './votes';

/**
 * The lowdb store's votes: one JSON line per click, appended beside the document, so a vote costs the
 * same at 100 or 100,000 stored votes (the document is rewritten whole on every change; votes are the
 * one thing that grows with use). The current votes are the last line per (reply, user). A purge or a
 * forget rewrites the log without what it removes (atomically), so erased data is really gone.
 * Every call is made under the store's lock.
 */
export class VoteLog {
  constructor(readonly file: string) {}

  append(vote: FeedbackRecord): void {
    const fd = openSync(this.file, 'a+', PRIVATE_MODE);
    try {
      // A crash mid-append can leave a last line without its newline (a vote never acknowledged):
      // cut it off, or the next line would be glued to it.
      const { size } = fstatSync(fd);
      const end = size > 0 ? lastNewline(fd, size) : -1;
      if (end !== size - 1) ftruncateSync(fd, end + 1);
      writeSync(fd, `${JSON.stringify(vote)}\n`);
    } finally {
      closeSync(fd);
    }
  }

  /** The current votes, oldest first by their latest click. */
  read(): FeedbackRecord[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    const votes = new Map<string, FeedbackRecord>();
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const vote = this.parse(line, index, index === lines.length - 1);
      if (!vote) return;
      const key = voteKey(vote);
      votes.delete(key);
      votes.set(key, vote);
    });
    return [...votes.values()];
  }

  /** Keeps only the votes `keep` accepts; returns how many current votes were removed. */
  rewrite(keep: (vote: FeedbackRecord) => boolean): number {
    const votes = this.read();
    const kept = votes.filter(keep);
    if (kept.length === votes.length && !this.hasSuperseded(votes.length)) return 0;
    writeAtomic(this.file, kept.map((v) => `${JSON.stringify(v)}\n`).join(''));
    return votes.length - kept.length;
  }

  /** A vote line; a torn last line (a crash mid-append) is skipped, anything else broken is refused. */
  private parse(line: string, index: number, isLast: boolean): FeedbackRecord | undefined {
    try {
      const vote = JSON.parse(line) as FeedbackRecord;
      if (typeof vote?.user !== 'string' || typeof vote.entryId !== 'string') throw new Error('not a vote');
      return vote;
    } catch (error) {
      if (isLast) return undefined;
      throw new StoreError(
        this.file,
        `line ${index + 1} cannot be read (${(error as Error).message}). Fix or remove that line; the file was left untouched.`,
      );
    }
  }

  private hasSuperseded(current: number): boolean {
    if (!existsSync(this.file)) return false;
    const text = readFileSync(this.file, 'utf8');
    let lines = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines += 1;
    return lines > current;
  }
}

/** The offset of the file's last newline (-1: none), reading back from the end in small blocks. */
function lastNewline(fd: number, size: number): number {
  const block = Buffer.alloc(4096);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - block.length);
    const length = readSync(fd, block, 0, end - start, start);
    const at = block.subarray(0, length).lastIndexOf(0x0a);
    if (at >= 0) return start + at;
    end = start;
  }
  return -1;
}

import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Data files are the operator's alone: owner read and write, nothing for group or others. */
export const PRIVATE_MODE = 0o600;

/**
 * Writes a whole file atomically: a temporary file beside it (created 0600), flushed, then renamed over
 * the old one. A crash leaves either the old file or the new one, never half of either. The temporary
 * name is fixed: every writer holds the store's lock.
 */
export function writeAtomic(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w', PRIVATE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

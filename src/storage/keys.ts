import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StoreError } from './errors';
import { PRIVATE_MODE } from './private-file';

/** The key file beside the data file: data/sofo.json → data/pseudonym.key. */
export function keyFile(dataFile: string): string {
  return join(dirname(dataFile), 'pseudonym.key');
}

/**
 * The pseudonym key, never kept in the data: SOFO_PSEUDONYM_KEY when set, else a key file beside the
 * data file (mode 0600), created on first use. Someone who copies the data alone cannot recompute
 * anyone's pseudonym from a member list. A data file of the first version kept its salt inside: that
 * salt becomes the key file, so earlier votes keep their pseudonyms (and can still be forgotten).
 */
export function pseudonymKey(configured: string | undefined, dataFile: string): string {
  if (configured) return configured;
  const file = keyFile(dataFile);
  const existing = readKey(file);
  if (existing) return existing;
  const key = legacySalt(dataFile) ?? randomBytes(32).toString('hex');
  try {
    // A fresh checkout has no data/ folder yet: `npm start` must make it, not fail on it.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // 'wx': two processes starting at once both end up with the one key that was written first.
    writeFileSync(file, `${key}\n`, { mode: PRIVATE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StoreError(file, `cannot be created (${(error as Error).message})`);
    }
  }
  const written = readKey(file);
  if (!written) throw new StoreError(file, 'is empty; remove it to have a new key made');
  return written;
}

function readKey(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(file, `cannot be read (${(error as Error).message})`);
  }
  // Whoever can read the key can re-identify voters: keep it the owner's alone.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_MODE);
  return text || undefined;
}

function legacySalt(dataFile: string): string | undefined {
  try {
    const salt = (JSON.parse(readFileSync(dataFile, 'utf8')) as { salt?: unknown }).salt;
    return typeof salt === 'string' && salt.length > 0 ? salt : undefined;
  } catch {
    return undefined; // no file yet, or one the store itself will refuse with a clear message
  }
}

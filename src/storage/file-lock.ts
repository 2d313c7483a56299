import { readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { StoreError } from './errors';

/**
 * A cross-process lock on one file, for the lowdb store (a server and `sofo` CLI commands share it).
 *
 * proper-lockfile makes the lock (an atomic mkdir of `<file>.lock`, kept fresh while held); this adds
 * who holds it: an `owner` file inside the lock directory with the pid and host. A lock whose owner is
 * a dead process on this host (a `kill -9`, a crash) is taken over at once instead of after the stale
 * age, so a restart never waits. A lock with no readable owner, or from another host, goes stale by
 * age alone. If the lock is taken from a live holder anyway (its event loop blocked past the stale
 * age), proper-lockfile calls onCompromised: the holder's one change then fails, the process goes on.
 */

/** A held lock's age after which it counts as abandoned even when its owner cannot be checked. */
const STALE_MS = 30_000;
/** How long to wait for a live holder: longer than STALE_MS, so an abandoned lock is always taken over. */
const WAIT_MS = 40_000;

export interface Held {
  /** Throws when the lock was lost while held (then nothing may be written). */
  check(): void;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
}

export async function acquire(file: string, waitMs = WAIT_MS): Promise<Held> {
  const dir = `${file}.lock`;
  const deadline = Date.now() + waitMs;
  let delay = 2;
  for (;;) {
    let lost: Error | undefined;
    try {
      const release = await lock(file, {
        stale: STALE_MS,
        realpath: false,
        onCompromised: (error) => {
          lost = error;
        },
      });
      writeFileSync(join(dir, 'owner'), JSON.stringify({ pid: process.pid, host: hostname() }));
      return {
        check: () => {
          if (lost)
            throw new StoreError(
              file,
              `the lock was taken over by another process while this change was made (${lost.message}); the change was not saved`,
            );
        },
        release: async () => {
          if (lost) return;
          // First proper-lockfile's own release, which stops its refresh timer (its rmdir fails on
          // our owner file, and must never run later: by then the path may be another process's lock).
          await release().catch(() => undefined);
          // Then moved aside in one step, owner file and all: a crash never leaves a lock without
          // its owner.
          const aside = `${dir}.${process.pid}.${Date.now()}.released`;
          try {
            renameSync(dir, aside);
          } catch {
            return; // gone already (taken over): nothing of ours to remove
          }
          rmSync(aside, { recursive: true, force: true });
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTEMPTY: proper-lockfile found the lock stale by age but could not rmdir it (our owner file).
      if (code === 'ENOTEMPTY' || (code === 'ELOCKED' && (ownerIsDead(dir) || abandonedWithoutOwner(dir)))) {
        takeOver(dir);
        continue;
      }
      if (code !== 'ELOCKED') throw new StoreError(file, `cannot be locked (${(error as Error).message})`);
      if (Date.now() >= deadline) {
        const owner = readOwner(dir);
        throw new StoreError(
          file,
          `is locked by ${owner ? `process ${owner.pid} on ${owner.host}` : 'another process'}, still running, and did not come free in ${Math.round(waitMs / 1000)} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 50);
    }
  }
}

function readOwner(dir: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, 'owner'), 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host }
      : undefined;
  } catch {
    return undefined; // just created, or being released: its holder is alive
  }
}

/**
 * A lock directory with no owner file is one being made (the owner is written right after the mkdir)
 * or one whose maker died in between: after a second it can only be the latter.
 */
const OWNERLESS_MS = 1_000;

function abandonedWithoutOwner(dir: string): boolean {
  if (readOwner(dir)) return false;
  try {
    return Date.now() - statSync(dir).mtimeMs > OWNERLESS_MS;
  } catch {
    return false; // gone: the next attempt simply takes it
  }
}

function ownerIsDead(dir: string): boolean {
  const owner = readOwner(dir);
  if (!owner || owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes an abandoned lock. It is first moved aside (atomic), and moved back if what was moved turns
 * out to be a live lock that another process made in the meantime.
 */
function takeOver(dir: string): void {
  const before = readOwner(dir);
  const aside = `${dir}.${process.pid}.${Date.now()}.stale`;
  try {
    renameSync(dir, aside);
  } catch {
    return; // gone already: someone else took it over
  }
  const moved = readOwner(aside);
  if (before && moved && (moved.pid !== before.pid || moved.host !== before.host)) {
    try {
      renameSync(aside, dir);
      return;
    } catch {
      // A third process holds the lock now; the one moved aside will see its lock as lost.
    }
  }
  try {
    unlinkSync(join(aside, 'owner'));
  } catch {
    // No owner file: nothing to remove before the directory.
  }
  rmSync(aside, { recursive: true, force: true });
}

import { type FSWatcher, watch } from 'chokidar';
import type { LiveKnowledge } from './live-knowledge';
import { isKnowledgeFile } from './version';

export interface WatchOptions {
  /** Quiet time after the last change before reloading: one save often arrives as several events. */
  settleMs?: number;
  /** The longest a reload waits while changes keep coming. */
  maxWaitMs?: number;
  log?: (line: string) => void;
}

export interface Watching {
  /** Resolves once the watcher has read the folders and reports changes. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches knowledge/ and intents/ and reloads the live knowledge when a file there changes, is added or
 * is deleted. Editors save in many ways (write in place, write a temp file and rename, delete and
 * recreate): chokidar's atomic and write-finish handling, plus a short settle time, turn each save into
 * one reload of complete files; a file caught half-saved only fails that one reload.
 */
export function watchKnowledge(live: LiveKnowledge, options: WatchOptions = {}): Watching {
  const settleMs = options.settleMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const log = options.log ?? (() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt: number | undefined;
  let closed = false;

  const reload = () => {
    timer = undefined;
    firstEventAt = undefined;
    if (closed) return;
    try {
      live.reload();
    } catch (error) {
      // reload reports knowledge problems itself; anything else must still not stop the server.
      log(`knowledge: reload failed: ${(error as Error)?.message ?? String(error)}`);
    }
  };
  const changed = () => {
    const now = Date.now();
    firstEventAt ??= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, Math.max(0, Math.min(settleMs, firstEventAt + maxWaitMs - now)));
  };

  const watcher: FSWatcher = watch(live.dirs, {
    ignoreInitial: true,
    // Only the files the loader reads; editors' swap and backup files are not knowledge.
    ignored: (path, stats) => Boolean(stats?.isFile()) && !isKnowledgeFile(path),
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
    atomic: true,
  });
  watcher.on('all', changed);
  watcher.on('error', (error) => log(`knowledge: watching failed: ${(error as Error)?.message ?? error}`));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}

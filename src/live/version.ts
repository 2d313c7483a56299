import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The files the knowledge loader reads: everything else in the folders (README.md aside) is ignored. */
export function isKnowledgeFile(path: string): boolean {
  return /\.(md|ya?ml)$/i.test(path);
}

/** Which knowledge is live: a hash of what was loaded, and when. */
export interface KnowledgeVersion {
  /** The first 12 hex digits of a SHA-256 over every knowledge file's path and bytes. */
  hash: string;
  loadedAt: string;
  entries: number;
}

/**
 * A hash of the knowledge files as they are on disk now. Read before and after a load: if it changed in
 * between, a file was being saved while it was read, and the load is done again.
 */
export function contentHash(dirs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      hash.update(`${relative(dir, file)}\0`);
      try {
        hash.update(readFileSync(file));
      } catch {
        hash.update('\0gone\0'); // deleted between the listing and the read: the next look sees it
      }
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 12);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  let items: import('node:fs').Dirent[];
  try {
    items = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return items
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((item) => {
      const path = join(dir, item.name);
      if (item.isDirectory()) return filesUnder(path);
      return isKnowledgeFile(item.name) ? [path] : [];
    });
}

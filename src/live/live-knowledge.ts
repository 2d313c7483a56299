import { relative } from 'node:path';
import { Engine } from '../core/engine';
import { type KnowledgePaths, loadKnowledge } from '../core/knowledge/load';
import type { KnowledgeBase } from '../core/knowledge/model';
import { formatProblem, KnowledgeError, type Problem } from '../core/knowledge/problems';
import { contentHash, type KnowledgeVersion } from './version';

export type ReloadOutcome =
  | { ok: true; changed: boolean; version: KnowledgeVersion }
  | { ok: false; problems: readonly Problem[]; serving: KnowledgeVersion };

export interface LiveKnowledgeOptions {
  paths: KnowledgePaths;
  /** Builds the engine over a loaded knowledge base (the server's adds its dictionaries). */
  build?: (kb: KnowledgeBase) => Engine;
  now?: () => Date;
  log?: (line: string) => void;
}

/** What the HTTP edge and the admin page read: the live engine, its version, the last refused change. */
export interface KnowledgeStatus {
  readonly engine: Engine;
  readonly version: KnowledgeVersion;
  readonly problems: readonly Problem[];
}

/** How often a load is tried again when the files changed while they were being read. */
const CONSISTENT_READ_ATTEMPTS = 3;

/**
 * The knowledge base Sofo serves, swappable while it runs. A reload builds a whole new engine first and
 * only then replaces the old one in a single assignment, so a question is always answered by one
 * complete knowledge base, never by half of one. A change that does not load keeps the last good one
 * serving and is kept as `problems` (for the log and the admin page) until a change loads again.
 */
export class LiveKnowledge implements KnowledgeStatus {
  private live: { engine: Engine; version: KnowledgeVersion };
  private refused: { hash: string; problems: readonly Problem[] } | undefined;
  private readonly listeners = new Set<(engine: Engine, version: KnowledgeVersion) => void>();
  private readonly build: (kb: KnowledgeBase) => Engine;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  /** Loads the knowledge; throws KnowledgeError when it does not load (there is no last good one yet). */
  constructor(private readonly options: LiveKnowledgeOptions) {
    this.build = options.build ?? ((kb) => new Engine(kb));
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    const loaded = this.load();
    if (!loaded.ok) throw new KnowledgeError(loaded.problems);
    this.live = loaded.live;
  }

  get engine(): Engine {
    return this.live.engine;
  }

  get version(): KnowledgeVersion {
    return this.live.version;
  }

  /** The problems of the last change that was refused; empty while the files on disk are what is live. */
  get problems(): readonly Problem[] {
    return this.refused?.problems ?? [];
  }

  /** The folders a watcher should watch. */
  get dirs(): string[] {
    return [this.options.paths.knowledgeDir, this.options.paths.intentsDir];
  }

  /** Called after each swap, with the new engine (e.g. to log, or to refresh a cache). */
  onReload(listener: (engine: Engine, version: KnowledgeVersion) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Loads the files again. Unchanged files: nothing happens. A valid change: swapped in, one log line.
   * An invalid one: the last good knowledge keeps serving, one log line per problem (once per content).
   */
  reload(): ReloadOutcome {
    if (contentHash(this.dirs) === this.live.version.hash) {
      if (this.refused) this.log(`knowledge: the files are back to version ${this.live.version.hash}`);
      this.refused = undefined;
      return { ok: true, changed: false, version: this.live.version };
    }
    const loaded = this.load();
    if (!loaded.ok) {
      if (this.refused?.hash !== loaded.hash) {
        for (const p of loaded.problems)
          this.log(`knowledge: change not loaded, still serving ${this.version.hash}: ${formatProblem(p)}`);
      }
      this.refused = { hash: loaded.hash, problems: loaded.problems };
      return { ok: false, problems: loaded.problems, serving: this.live.version };
    }
    this.live = loaded.live;
    this.refused = undefined;
    const { version } = loaded.live;
    this.log(`knowledge: version ${version.hash} live (${version.entries} entries)`);
    for (const listener of this.listeners) listener(loaded.live.engine, version);
    return { ok: true, changed: true, version };
  }

  private load():
    | { ok: true; live: { engine: Engine; version: KnowledgeVersion } }
    | { ok: false; hash: string; problems: readonly Problem[] } {
    let problems: readonly Problem[] = [];
    let hash = '';
    for (let attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt += 1) {
      hash = contentHash(this.dirs);
      let result: { engine: Engine } | { problems: readonly Problem[] };
      try {
        result = { engine: this.build(loadKnowledge(this.options.paths)) };
      } catch (error) {
        result = { problems: this.problemsOf(error) };
      }
      // Files that changed while they were read may have been read half-saved: read them again.
      if (contentHash(this.dirs) !== hash) continue;
      if ('problems' in result) return { ok: false, hash, problems: result.problems };
      const version = { hash, loadedAt: this.now().toISOString(), entries: result.engine.kb.entries.length };
      return { ok: true, live: { engine: result.engine, version } };
    }
    problems = [
      {
        file: relative(this.options.paths.root, this.options.paths.knowledgeDir) || '.',
        message:
          'filerna ändrades medan de lästes; försöker igen vid nästa ändring / the files kept changing while being read; trying again at the next change',
      },
    ];
    return { ok: false, hash, problems };
  }

  /** A file that vanished or cannot be read mid-load is a problem to report, never a crash. */
  private problemsOf(error: unknown): readonly Problem[] {
    if (error instanceof KnowledgeError) return error.problems;
    const e = error as NodeJS.ErrnoException;
    const file = e?.path ? relative(this.options.paths.root, e.path) : 'knowledge';
    return [{ file, message: `cannot be read (${e?.code ?? e?.message ?? String(error)})` }];
  }
}

import type { Config } from '../config/config';
import { PROJECT_ROOT } from '../config/paths';
import { Engine } from '../core/engine';
import { type KnowledgePaths, loadKnowledge } from '../core/knowledge/load';
import type { KnowledgeBase } from '../core/knowledge/model';
import { loadLexicon } from '../core/lexicon/load';
import type { Lexicons } from '../core/matching/matcher';

let lexicons: Lexicons | undefined;

/** The compiled dictionaries, read once per process (they do not change while it runs). */
export function projectLexicons(): Lexicons {
  lexicons ??= { sv: loadLexicon(PROJECT_ROOT, 'sv'), en: loadLexicon(PROJECT_ROOT, 'en') };
  return lexicons;
}

export function knowledgePaths(config: Config): KnowledgePaths {
  return { knowledgeDir: config.knowledgeDir, intentsDir: config.intentsDir, root: config.root };
}

/** The engine over a loaded knowledge base, with the project's dictionaries (a reload builds one too). */
export function engineFor(kb: KnowledgeBase): Engine {
  return new Engine(kb, { lexicons: projectLexicons() });
}

/** Loads and validates the knowledge base and builds the engine; throws KnowledgeError on any problem. */
export function loadEngine(config: Config): Engine {
  return engineFor(loadKnowledge(knowledgePaths(config)));
}

import type { Config } from '../config/config';
import { PROJECT_ROOT } from '../config/paths';
import { Engine } from '../core/engine';
import { loadKnowledge } from '../core/knowledge/load';
import { loadLexicon } from '../core/lexicon/load';
import type { Lexicons } from '../core/matching/matcher';

let lexicons: Lexicons | undefined;

/** The compiled dictionaries, read once per process (they do not change while it runs). */
export function projectLexicons(): Lexicons {
  lexicons ??= { sv: loadLexicon(PROJECT_ROOT, 'sv'), en: loadLexicon(PROJECT_ROOT, 'en') };
  return lexicons;
}

/** Loads and validates the knowledge base and builds the engine; throws KnowledgeError on any problem. */
export function loadEngine(config: Config): Engine {
  return new Engine(
    loadKnowledge({ knowledgeDir: config.knowledgeDir, intentsDir: config.intentsDir, root: config.root }),
    { lexicons: projectLexicons() },
  );
}

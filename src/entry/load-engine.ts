import type { Config } from '../config/config';
import { Engine } from '../core/engine';
import { loadKnowledge } from '../core/knowledge/load';

/** Loads and validates the knowledge base and builds the engine; throws KnowledgeError on any problem. */
export function loadEngine(config: Config): Engine {
  return new Engine(
    loadKnowledge({ knowledgeDir: config.knowledgeDir, intentsDir: config.intentsDir, root: config.root }),
  );
}

import { readConfig } from '../../src/config/config';
import type { Engine } from '../../src/core/engine';
import { loadEngine } from '../../src/entry/load-engine';

let shared: Engine | undefined;

/** The engine over the real knowledge base, built once per test file. */
export function realEngine(): Engine {
  shared ??= loadEngine(readConfig({}));
  return shared;
}

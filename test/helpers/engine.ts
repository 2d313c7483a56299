import { join } from 'node:path';
import { type Config, readConfig } from '../../src/config/config';
import type { Engine } from '../../src/core/engine';
import { loadEngine } from '../../src/entry/load-engine';

/**
 * Tests of code run on the small knowledge base of test/fixtures/, never on knowledge/: editors change
 * the real one, and a valid edit there must not turn a test red. The real knowledge is guarded by
 * `sofo kb check` (test/kb-check-real.test.ts) and the accuracy floors (test/accuracy.test.ts).
 */
export const FIXTURE_KNOWLEDGE_DIR = join(__dirname, '..', 'fixtures', 'knowledge');
export const FIXTURE_INTENTS_DIR = join(__dirname, '..', 'fixtures', 'intents');

/** The environment that points Sofo at the fixture knowledge (for configs and spawned `sofo`). */
export const FIXTURE_ENV = {
  SOFO_KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR,
  SOFO_INTENTS_DIR: FIXTURE_INTENTS_DIR,
} as const;

/** readConfig over the given environment, on the fixture knowledge. */
export function testConfig(env: NodeJS.ProcessEnv = {}): Config {
  return readConfig({ ...FIXTURE_ENV, ...env });
}

let shared: Engine | undefined;

/** The engine over the fixture knowledge base, built once per test file. */
export function fixtureEngine(): Engine {
  shared ??= loadEngine(testConfig());
  return shared;
}

/** The engine over the real knowledge/ and intents/: only for the accuracy floors. */
export function realEngine(): Engine {
  return loadEngine(readConfig({}));
}

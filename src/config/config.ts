import { resolve } from 'node:path';
import { PROJECT_ROOT } from './paths';

/** Everything Sofo reads from the environment, read once at start-up and passed down typed. */
export interface Config {
  port: number;
  knowledgeDir: string;
  intentsDir: string;
  root: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3978 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `must be a port number 0–65535, got "${env.PORT}"`);
  }
  return {
    port,
    knowledgeDir: resolve(env.SOFO_KNOWLEDGE_DIR || resolve(PROJECT_ROOT, 'knowledge')),
    intentsDir: resolve(env.SOFO_INTENTS_DIR || resolve(PROJECT_ROOT, 'intents')),
    root: PROJECT_ROOT,
  };
}

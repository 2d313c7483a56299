import { dirname, resolve } from 'node:path';
import { ConfigError } from './errors';

export interface AdminConfig {
  /** SOFO_ADMIN_TOKEN: what /admin asks for; without it /admin answers on this computer only. */
  token?: string;
  /** SOFO_DRAFTS_DIR: where the inbox writes draft entries (default: drafts/ beside knowledge/). */
  draftsDir: string;
}

/** Shorter than this, a token can be guessed by trying. */
const MIN_TOKEN_CHARS = 16;

export function readAdmin(env: NodeJS.ProcessEnv, knowledgeDir: string): AdminConfig {
  const token = env.SOFO_ADMIN_TOKEN?.trim();
  if (token !== undefined && token !== '' && token.length < MIN_TOKEN_CHARS) {
    throw new ConfigError(
      'SOFO_ADMIN_TOKEN',
      `must be at least ${MIN_TOKEN_CHARS} characters (e.g. from: openssl rand -hex 24), got ${token.length}`,
    );
  }
  return {
    ...(token ? { token } : {}),
    draftsDir: resolve(env.SOFO_DRAFTS_DIR || resolve(dirname(knowledgeDir), 'drafts')),
  };
}

import { resolve } from 'node:path';
import { type AdminConfig, readAdmin } from './admin';
import { type EdgeConfig, isLoopbackHost, readEdge } from './edge';
import { ConfigError } from './errors';
import { PROJECT_ROOT } from './paths';
import { readStorage, type StorageConfig } from './storage';
import { readTeams, type TeamsConfig } from './teams';
import { readTips, type TipsConfig } from './tips';

/** How Sofo reaches Slack: Events over HTTP on the shared server, or Socket Mode (no public URL). */
export type SlackConfig =
  | { mode: 'http'; signingSecret: string; botToken: string; apiUrl: string }
  | { mode: 'socket'; appToken: string; botToken: string; apiUrl: string };

/** Everything Sofo reads from the environment, read once at start-up and passed down typed. */
export interface Config {
  port: number;
  /** HOST, limits and proxies: what the one HTTP server lets the network do. */
  edge: EdgeConfig;
  knowledgeDir: string;
  intentsDir: string;
  root: string;
  /** The lowdb JSON file (and, beside it, the vote log and the pseudonym key file). */
  dataFile: string;
  storage: StorageConfig;
  /** Absent when no Slack variables are set: the server then runs without Slack. */
  slack?: SlackConfig;
  /** Always there: Teams' endpoint is always mounted (unauthenticated when no app id is set). */
  teams: TeamsConfig;
  tips: TipsConfig;
  admin: AdminConfig;
}

export type { AdminConfig } from './admin';
export { DEFAULT_RATES, type EdgeConfig, isLoopbackHost, type RateLimits } from './edge';
export { ConfigError } from './errors';
export type { StorageConfig } from './storage';
export { TEAMS_APP_TYPES, type TeamsAppType, type TeamsConfig } from './teams';
export type { StaticTipTarget, TipsConfig } from './tips';

const SLACK_API_DEFAULT = 'https://slack.com/api/';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3978 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `must be a port number 0–65535, got "${env.PORT}"`);
  }
  const slack = readSlack(env);
  const teams = readTeams(env);
  const tips = readTips(env);
  const knowledgeDir = resolve(env.SOFO_KNOWLEDGE_DIR || resolve(PROJECT_ROOT, 'knowledge'));
  const edge = readEdge(env);
  checkEmulator(edge, teams);
  return {
    port,
    edge,
    knowledgeDir,
    intentsDir: resolve(env.SOFO_INTENTS_DIR || resolve(PROJECT_ROOT, 'intents')),
    root: PROJECT_ROOT,
    dataFile: resolve(env.SOFO_DATA || 'data/sofo.json'),
    storage: readStorage(env),
    ...(slack ? { slack } : {}),
    teams,
    tips,
    admin: readAdmin(env, knowledgeDir),
  };
}

/**
 * SOFO_EMULATOR_URL asks for the unauthenticated Emulator endpoint: that needs no app id and a loopback
 * HOST (without the variable, a non-loopback HOST just leaves the Teams endpoint off).
 */
function checkEmulator(edge: EdgeConfig, teams: TeamsConfig): void {
  if (!edge.emulatorUrl) return;
  if (teams.appId) {
    throw new ConfigError(
      'SOFO_EMULATOR_URL',
      'is only for running without MicrosoftAppId (the Bot Framework Emulator); unset one of them',
    );
  }
  if (!isLoopbackHost(edge.host)) {
    throw new ConfigError(
      'HOST',
      `is "${edge.host}", but without MicrosoftAppId the Teams endpoint is unauthenticated and may only listen on this machine (127.0.0.1); set MicrosoftAppId or unset SOFO_EMULATOR_URL`,
    );
  }
}

/**
 * No Slack variable at all: no Slack. SLACK_APP_TOKEN (with the bot token): Socket Mode. Otherwise HTTP,
 * which needs the signing secret and the bot token. An incomplete set is an error naming what is missing.
 */
function readSlack(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim();
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  const appToken = env.SLACK_APP_TOKEN?.trim();
  if (!signingSecret && !botToken && !appToken) return undefined;
  const apiUrl = slackApiUrl(env.SLACK_API_URL);
  if (appToken) {
    if (!botToken)
      throw new ConfigError(
        'SLACK_BOT_TOKEN',
        'is missing: Socket Mode (SLACK_APP_TOKEN) needs the bot token too',
      );
    if (!appToken.startsWith('xapp-'))
      throw new ConfigError('SLACK_APP_TOKEN', 'must be an app-level token starting with "xapp-"');
    return { mode: 'socket', appToken, botToken, apiUrl };
  }
  const missing = [!signingSecret && 'SLACK_SIGNING_SECRET', !botToken && 'SLACK_BOT_TOKEN'].filter(Boolean);
  if (missing.length > 0 || !signingSecret || !botToken) {
    throw new ConfigError(
      missing.join(', '),
      `${missing.length > 1 ? 'are' : 'is'} missing: Slack over HTTP needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)`,
    );
  }
  return { mode: 'http', signingSecret, botToken, apiUrl };
}

function slackApiUrl(value: string | undefined): string {
  if (!value) return SLACK_API_DEFAULT;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(
      'SLACK_API_URL',
      `must be a web address such as ${SLACK_API_DEFAULT}, got "${value}"`,
    );
  }
  // The Web API client joins method names onto the base: it must end with a slash.
  return value.endsWith('/') ? value : `${value}/`;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signSlack } from '../../src/tools/doubles/slack';

export { BOT_USER, nextTs, slackApiDouble } from '../../src/tools/doubles/slack';

export const SIGNING_SECRET = 'test-signing-secret';

/** A payload from test/fixtures/slack/, parsed, for a test to change what it needs. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'slack', name), 'utf8')) as T;
}

/** Signed as Slack signs, with the test secret unless another is given. */
export function signed(
  body: string,
  options: { secret?: string; timestamp?: number } = {},
): Record<string, string> {
  return signSlack(body, options.secret ?? SIGNING_SECRET, options.timestamp);
}

export interface SendOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

/** POSTs a JSON event body to /slack/events, signed as Slack signs it. */
export function sendEvent(base: string, payload: unknown, options: SendOptions = {}): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed(body, options), ...options.headers },
    body,
  });
}

/** POSTs a form body (slash commands, `payload=` interactions) the way Slack does: no charset. */
export function sendForm(
  base: string,
  fields: Record<string, string>,
  options: SendOptions = {},
): Promise<Response> {
  const body = new URLSearchParams(fields).toString();
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signed(body, options),
      ...options.headers,
    },
    body,
  });
}

/**
 * The environment of a Sofo that talks to the Slack double at `apiBase`: an ephemeral port, the test
 * secret and token, and (with `dataDir`) its data file there.
 */
export function slackEnv(apiBase: string, dataDir?: string): Record<string, string> {
  return {
    PORT: '0',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: `${apiBase}/api/`,
    ...(dataDir ? { SOFO_DATA: join(dataDir, 'sofo.json') } : {}),
  };
}

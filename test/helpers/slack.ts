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

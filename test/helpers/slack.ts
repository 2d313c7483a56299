import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpDouble } from './http-double';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_USER = 'U000FAKEBOT';

/** A payload from test/fixtures/slack/, parsed, for a test to change what it needs. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'slack', name), 'utf8')) as T;
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body). */
export function signed(
  body: string,
  options: { secret?: string; timestamp?: number } = {},
): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${signature}` };
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

let ts = 1_800_000_000;
/** A fresh message timestamp, as Slack gives every message a unique one. */
export function nextTs(): string {
  ts += 1;
  return `${ts}.000100`;
}

/** The Slack Web API double: answers the methods Sofo calls and records everything. */
export function slackApiDouble(): HttpDouble {
  return new HttpDouble((call) => {
    const method = call.path.split('?')[0]?.split('/').pop() ?? '';
    switch (method) {
      case 'auth.test':
        return {
          body: { ok: true, user_id: BOT_USER, bot_id: 'B000FAKEBOT', team_id: 'T000FAKE', user: 'sofo' },
        };
      case 'chat.postMessage':
        return { body: { ok: true, channel: call.body.channel, ts: nextTs(), message: {} } };
      case 'chat.update':
      case 'views.publish':
        return { body: { ok: true } };
      default:
        // response_url posts and anything else
        return { body: { ok: true } };
    }
  });
}

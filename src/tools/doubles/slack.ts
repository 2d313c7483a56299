import { createHmac } from 'node:crypto';
import { HttpDouble } from './http-double';

export const BOT_USER = 'U000FAKEBOT';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body). */
export function signSlack(
  body: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
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
      default:
        // chat.update, views.publish, response_url posts
        return { body: { ok: true } };
    }
  });
}

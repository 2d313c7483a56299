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

/**
 * Channels the double treats specially, as Slack would: a channel id that names a Slack error
 * (e.g. "C_channel_not_found") fails with it; "C_RATE_LIMITED" answers 429 with Retry-After: 7.
 */
export const RATE_LIMITED_CHANNEL = 'C_RATE_LIMITED';

/**
 * A user id that starts with this has an English Slack locale (en-GB) in the double; others sv-SE. A
 * user id that names a Slack error (e.g. "U_missing_scope") fails users.info with it.
 */
export const ENGLISH_USER_PREFIX = 'U0EN';

/**
 * A channel id that starts with this is one Sofo has not been invited to: conversations.info says
 * `is_member: false` and posting there fails with not_in_channel, until a test adds it to `members`
 * (Sofo was invited).
 */
export const OUTSIDE_CHANNEL_PREFIX = 'C0OUT';

export type SlackApiDouble = HttpDouble & { members: Set<string> };

/** The Slack Web API double: answers the methods Sofo calls and records everything. */
export function slackApiDouble(): SlackApiDouble {
  const members = new Set<string>();
  const outside = (channel: string) => channel.startsWith(OUTSIDE_CHANNEL_PREFIX) && !members.has(channel);
  const double: HttpDouble = new HttpDouble((call) => {
    const method = call.path.split('?')[0]?.split('/').pop() ?? '';
    const channel = String(call.body.channel ?? '');
    if (channel === RATE_LIMITED_CHANNEL) {
      return { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } };
    }
    if (channel.startsWith('C_')) return { body: { ok: false, error: channel.slice(2) } };
    switch (method) {
      case 'auth.test':
        return {
          body: { ok: true, user_id: BOT_USER, bot_id: 'B000FAKEBOT', team_id: 'T000FAKE', user: 'sofo' },
        };
      case 'users.info': {
        const user = String(call.body.user ?? '');
        if (user.startsWith('U_')) return { body: { ok: false, error: user.slice(2) } };
        const locale = user.startsWith(ENGLISH_USER_PREFIX) ? 'en-GB' : 'sv-SE';
        return { body: { ok: true, user: { id: user, ...(call.body.include_locale ? { locale } : {}) } } };
      }
      case 'conversations.info':
        return {
          body: { ok: true, channel: { id: channel, is_channel: true, is_member: !outside(channel) } },
        };
      case 'chat.postMessage':
        if (outside(channel)) return { body: { ok: false, error: 'not_in_channel' } };
        return { body: { ok: true, channel, ts: nextTs(), message: {} } };
      case 'conversations.history': {
        // What was posted to the channel, with its metadata, as Slack keeps it.
        const messages = double.calls
          .filter((c) => c.path.endsWith('chat.postMessage') && c.body.channel === channel)
          .map((c) => ({ type: 'message', text: c.body.text, metadata: c.body.metadata }));
        return { body: { ok: true, messages } };
      }
      default:
        // chat.update, views.publish, response_url posts
        return { body: { ok: true } };
    }
  });
  return Object.assign(double, { members });
}

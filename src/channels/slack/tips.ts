import { type types, webApi } from '@slack/bolt';
import type { TipMessage } from '../../core/reply/model';
import { TIPS_REPLIES } from '../../tips/command';
import type { SendOutcome, Subscription, TipSender } from '../../tips/model';
import { withPrefix } from '../../tips/subscriptions';
import { encodeValue } from './actions';
import { clip, escapeSlack, toMrkdwn, toPlainText } from './escape';
import type { SlackMessage } from './render';

/** Errors after which posting to the channel can never work: the subscription ends. */
const GONE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'token_revoked',
]);
const METADATA_EVENT = 'sofo_tip';

/** A tip as Block Kit: the nudge and a "Läs mer" button that opens the entry (the clarify-choice action). */
export function renderTip(tip: TipMessage): SlackMessage {
  const label = tip.lang === 'sv' ? 'Läs mer' : 'Read more';
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `💡 *${escapeSlack(tip.title)}*\n${toMrkdwn(tip.text)}` },
    },
    {
      type: 'actions',
      block_id: 'sofo_tip',
      elements: [
        {
          type: 'button',
          action_id: 'sofo_choose:0',
          text: { type: 'plain_text', text: clip(`${label}: ${tip.readMore.title}`, 75) },
          value: encodeValue({ id: tip.readMore.id, lang: tip.lang, q: '' }),
        },
      ],
    },
  ];
  return { text: toPlainText(`${tip.title}: ${tip.text}`), blocks };
}

/** The message that tells a subscriber their channel's tips have ended; none without a subscriber. */
export function endedNotice(subscription: Subscription): { channel: string; text: string } | undefined {
  if (!subscription.subscriber) return undefined;
  const text = withPrefix(TIPS_REPLIES.ended[subscription.lang], '/sofo ').replace(
    '{where}',
    `<#${subscription.target}>`,
  );
  return { channel: subscription.subscriber, text };
}

/**
 * Posts tips with the Web API. Each post carries its delivery key as message metadata, so after a
 * crash `wasSent` can find it in the channel's history instead of posting again.
 */
export class SlackTipSender implements TipSender {
  readonly platform = 'slack' as const;
  private readonly client: webApi.WebClient;

  constructor(token: string, apiUrl: string) {
    // Retries and rate limits are the tip runner's business: it honours Retry-After per channel.
    this.client = new webApi.WebClient(token, {
      slackApiUrl: apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  }

  async send(subscription: Subscription, message: TipMessage, key: string): Promise<SendOutcome> {
    try {
      await this.client.chat.postMessage({
        channel: subscription.target,
        ...renderTip(message),
        metadata: { event_type: METADATA_EVENT, event_payload: { key } },
        unfurl_links: false,
      });
      return { ok: true };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  /** A DM to whoever subscribed (posting to a user id lands in their chat with Sofo). */
  async notifyEnded(subscription: Subscription): Promise<void> {
    const notice = endedNotice(subscription);
    if (notice) await this.client.chat.postMessage(notice);
  }

  async wasSent(subscription: Subscription, key: string, since: Date): Promise<boolean | undefined> {
    try {
      const history = await this.client.conversations.history({
        channel: subscription.target,
        oldest: String(Math.floor(since.getTime() / 1000) - 60),
        include_all_metadata: true,
        limit: 200,
      });
      return (history.messages ?? []).some(
        (m) => (m.metadata?.event_payload as { key?: unknown } | undefined)?.key === key,
      );
    } catch {
      return undefined;
    }
  }
}

function outcomeOf(error: unknown): SendOutcome {
  const e = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    message?: string;
  };
  if (e.code === webApi.ErrorCode.RateLimitedError) {
    return {
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: (e.retryAfter ?? 60) * 1000,
      detail: 'rate limited (429)',
    };
  }
  if (e.code === webApi.ErrorCode.PlatformError && e.data?.error && GONE.has(e.data.error)) {
    return { ok: false, kind: 'gone', detail: `Slack: ${e.data.error}` };
  }
  return {
    ok: false,
    kind: 'transient',
    detail: `Slack: ${e.data?.error ?? e.statusCode ?? e.message ?? 'error'}`,
  };
}

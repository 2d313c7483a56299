import { CardFactory, type CloudAdapter, type ConversationReference, MessageFactory } from 'botbuilder';
import type { TipMessage } from '../../core/reply/model';
import type { Store } from '../../storage/store';
import type { SendOutcome, Subscription, TipSender } from '../../tips/model';
import { type AdaptiveCard, actionSet, adaptiveCard, textBlock } from './card';
import { chooseData } from './card-data';
import { tellSubscriber } from './notify';
import { submit } from './render';

/** A tip as an Adaptive Card: the nudge and "Läs mer", a choice button that opens the entry. */
export function renderTipCard(tip: TipMessage): AdaptiveCard {
  const label = tip.lang === 'sv' ? 'Läs mer' : 'Read more';
  return adaptiveCard([
    textBlock(`💡 ${tip.title}`, { weight: 'Bolder', size: 'Medium' }),
    textBlock(tip.text),
    actionSet([submit(`${label}: ${tip.readMore.title}`, chooseData(tip.readMore.id, tip.lang, ''))]),
  ]);
}

/**
 * Posts tips into Teams conversations through the references stored when Sofo was added there.
 * 403/404 (Sofo removed, conversation gone) end the subscription; 429 carries its Retry-After.
 */
export class TeamsTipSender implements TipSender {
  readonly platform = 'teams' as const;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly store: Store,
  ) {}

  async send(subscription: Subscription, message: TipMessage): Promise<SendOutcome> {
    const record = (await this.store.listConversations()).find(
      (c) => c.platform === 'teams' && c.id === subscription.target,
    );
    if (!record)
      return { ok: false, kind: 'gone', detail: 'Teams: no stored conversation (Sofo was removed)' };
    // The adapter's turn-error handler would swallow a failed send: catch it inside the turn instead.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        record.reference as Partial<ConversationReference>,
        async (context) => {
          const activity = MessageFactory.attachment(CardFactory.adaptiveCard(renderTipCard(message)));
          activity.summary = `${message.title}: ${message.text}`;
          try {
            await context.sendActivity(activity);
          } catch (error) {
            failure = error;
          }
        },
      );
    } catch (error) {
      failure = error;
    }
    return failure === undefined ? { ok: true } : outcomeOf(failure);
  }

  /** A 1:1 to whoever subscribed, from the stored reference's Bot Connector address and tenant. */
  async notifyEnded(subscription: Subscription): Promise<void> {
    const record = (await this.store.listConversations()).find(
      (c) => c.platform === 'teams' && c.id === subscription.target,
    );
    const reference = record?.reference as Partial<ConversationReference> | undefined;
    if (!reference?.serviceUrl || !reference.bot?.id) return;
    const tenantId = reference.conversation?.tenantId;
    const reach = {
      serviceUrl: reference.serviceUrl,
      botId: reference.bot.id,
      ...(tenantId ? { tenantId } : {}),
    };
    await tellSubscriber(this.adapter, this.appId, reach, subscription, () => undefined);
  }

  /** The Bot Connector cannot list what a bot posted: Teams cannot tell (the runner then never re-posts). */
  async wasSent(): Promise<boolean | undefined> {
    return undefined;
  }
}

function outcomeOf(error: unknown): SendOutcome {
  const e = error as {
    statusCode?: number;
    status?: number;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = e.statusCode ?? e.status;
  if (status === 403 || status === 404) return { ok: false, kind: 'gone', detail: `Teams: HTTP ${status}` };
  if (status === 429) {
    const seconds = Number(e.response?.headers?.get?.('retry-after') ?? 60);
    return {
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: (Number.isFinite(seconds) ? seconds : 60) * 1000,
      detail: 'Teams: HTTP 429',
    };
  }
  return {
    ok: false,
    kind: 'transient',
    detail: `Teams: ${status ? `HTTP ${status}` : (e.message ?? 'error')}`,
  };
}

import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../card';
import { CARD_CONTENT_TYPE } from '../card';
import { type CardData, readCardData } from '../card-data';
import type { TeamsDeps } from '../context';
import { renderCard, VERBS } from '../render';
import { replayReply } from '../replies';
import { replyWithCard, updateCard } from '../send';

type Feedback = Extract<CardData, { action: 'feedback' }>;

/**
 * Action.Submit (a message activity): a choice posts the chosen answer under the card; a vote is
 * stored and, in a personal chat, the card it was given on is updated in place. In a channel or group
 * chat votes are Action.Execute; a Submit there comes from a client that cannot run it, and updating
 * the card would take the buttons away from everyone, so the vote is only stored.
 */
export async function onCardSubmit(context: TurnContext, data: CardData, deps: TeamsDeps): Promise<void> {
  const shared = isShared(context);
  if (data.action === 'choose') {
    const reply = deps.engine.answer(data.id, data.lang);
    if (reply) {
      const card = renderCard(reply, { question: data.q, via: 'entry', shared });
      await replyWithCard(context, card, reply.title);
    }
    return;
  }
  await recordVote(context, data, deps);
  if (shared) return;
  const card = acknowledgedCard(data, deps);
  const cardMessage = context.activity.replyToId;
  if (card && cardMessage) await updateCard(context, cardMessage, card);
}

/**
 * Action.Execute (an `adaptiveCard/action` invoke): answered in the HTTP response, which replaces the
 * card for the person who clicked only: a choice becomes the chosen answer, a vote the acknowledged
 * card. A refresh (the voter's client drawing the card again) gets the acknowledged card and records
 * nothing.
 */
export async function onCardExecute(
  context: TurnContext,
  invoke: AdaptiveCardInvokeValue,
  deps: TeamsDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const data = readCardData(invoke.action?.data);
  if (!data) {
    return {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'Not a Sofo button' },
    };
  }
  let card: AdaptiveCard | undefined;
  if (data.action === 'choose') {
    const reply = deps.engine.answer(data.id, data.lang);
    card = reply && renderCard(reply, { question: data.q, via: 'entry', shared: isShared(context) });
  } else {
    // botbuilder's type leaves out `trigger`, which Teams sends ('manual' or 'automatic').
    const trigger = (invoke as { trigger?: unknown }).trigger;
    const refresh = trigger === 'automatic' || invoke.action?.verb === VERBS.refresh;
    if (
      !refresh &&
      (!context.activity.id ||
        (await deps.seen.firstTime(`teams:${context.activity.conversation.id}:${context.activity.id}`)))
    ) {
      await recordVote(context, data, deps);
    }
    card = acknowledgedCard(data, deps, context.activity.from.id);
  }
  if (!card) {
    return {
      statusCode: 404,
      type: 'application/vnd.microsoft.error',
      value: { code: 'NotFound', message: `No entry "${data.id}"` },
    };
  }
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

/** Stored like Slack's votes: the entry, the question, the vote, and a keyed hash for the user. */
async function recordVote(context: TurnContext, data: Feedback, deps: TeamsDeps): Promise<void> {
  // A vote on something Sofo never answered is not data (a forged or stale button): refused, as on the web.
  if (!deps.engine.isReplyId(data.id)) return;
  const from = context.activity.from;
  await deps.store.addFeedback({
    entryId: data.id,
    question: data.q,
    vote: data.vote,
    platform: 'teams',
    user: deps.pseudonymize('teams', from.aadObjectId ?? from.id),
    at: deps.now().toISOString(),
  });
}

function acknowledgedCard(data: Feedback, deps: TeamsDeps, voter?: string): AdaptiveCard | undefined {
  const reply = replayReply(deps.engine, data);
  return (
    reply &&
    renderCard(reply, {
      question: data.q,
      via: data.via,
      acknowledged: data.vote,
      ...(voter ? { voter } : {}),
    })
  );
}

/** A channel or group chat: what Sofo posts there, everyone sees. */
export function isShared(context: TurnContext): boolean {
  return context.activity.conversation.conversationType !== 'personal';
}

import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { type AdaptiveCard, CARD_CONTENT_TYPE } from './card';

/** A card as a reply to the activity of this turn (Teams threads it under the question). */
export async function replyWithCard(
  context: TurnContext,
  card: AdaptiveCard,
  summary: string,
): Promise<void> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  // What a notification or a client that cannot draw the card shows.
  message.summary = summary;
  await context.sendActivity(message);
}

/** Replaces the card in an earlier message of Sofo's (PUT …/activities/{id}). */
export async function updateCard(
  context: TurnContext,
  activityId: string,
  card: AdaptiveCard,
): Promise<void> {
  await context.updateActivity({
    type: 'message',
    id: activityId,
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
  });
}

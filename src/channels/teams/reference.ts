import { type Activity, TurnContext } from 'botbuilder';
import type { ConversationRecord } from '../../storage/store';

/**
 * What Sofo keeps to post into a conversation later: botbuilder's ConversationReference (service URL,
 * conversation with its tenant, bot, locale) without the user who happened to trigger the event. A
 * post into a team or chat needs no user, and no Teams user id is stored in clear.
 */
export function conversationRecord(activity: Activity, now: Date): ConversationRecord {
  const {
    user: _user,
    activityId: _activityId,
    ...reference
  } = TurnContext.getConversationReference(activity);
  return {
    platform: 'teams',
    id: activity.conversation.id,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    at: now.toISOString(),
  };
}

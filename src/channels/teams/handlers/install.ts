import type { TurnContext } from 'botbuilder';
import type { TeamsDeps } from '../context';
import { localeLang } from '../locale';
import { tellSubscriber } from '../notify';
import { conversationRecord } from '../reference';
import { replyWithCard } from '../send';
import { welcomeCard } from '../welcome';
import { channelOf } from './tips';

/**
 * Sofo was added to a team, group chat or personal chat. Teams says so twice at once (an
 * installationUpdate and a conversationUpdate); the store decides which one is first, and only that one
 * greets. An upgrade refreshes the stored reference without a greeting.
 */
export async function onAdded(context: TurnContext, deps: TeamsDeps, greet: boolean): Promise<void> {
  const isNew = await deps.store.saveConversation(conversationRecord(context.activity, deps.now()));
  if (!isNew || !greet) return;
  const lang = localeLang(context.activity) === 'en' ? 'en' : 'sv';
  const card = welcomeCard(deps.engine.overview(lang), lang);
  await replyWithCard(context, card, lang === 'en' ? "Hi! I'm Sofo" : 'Hej! Jag är Sofo');
  deps.log(
    `teams: welcomed ${context.activity.conversation.conversationType ?? 'conversation'} ${context.activity.conversation.id}`,
  );
}

/**
 * Sofo was removed: forget the conversation, and end its tips now, telling whoever turned them on
 * rather than letting the next slot fail in silence.
 */
export async function onRemoved(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const { activity } = context;
  await deps.store.removeConversation('teams', activity.conversation.id);
  const id = `teams:${channelOf(activity.conversation.id)}`;
  const ended = (await deps.store.listSubscriptions()).find((s) => s.id === id);
  if (!ended) return;
  await deps.store.unsubscribe(id);
  deps.log(`tips: ${id}: Sofo was removed; subscription ended`);
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  await tellSubscriber(
    context.adapter,
    deps.appId,
    { serviceUrl: activity.serviceUrl, botId: activity.recipient.id, ...(tenantId ? { tenantId } : {}) },
    ended,
    deps.log,
  );
}

/** Whether Sofo itself is among the members a conversationUpdate adds or removes. */
export function includesBot(members: { id: string }[] | undefined, context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (members ?? []).some((m) => m.id === botId);
}

import type { TurnContext } from 'botbuilder';
import { readCardData } from '../card-data';
import { parseCommand } from '../commands';
import type { TeamsDeps } from '../context';
import { localeLang } from '../locale';
import { mentionsBot, questionFromTeams } from '../question';
import { renderCard } from '../render';
import { replyTo } from '../replies';
import { replyWithCard } from '../send';
import { isShared, onCardSubmit } from './card-actions';
import { onTipsCommand } from './tips';

/**
 * A message: a question or bot command typed in a chat or channel, or an Action.Submit click on one of
 * Sofo's cards (a message with a `value` and no text). Each activity id is handled once: Teams sends a
 * slow turn again.
 */
export async function onMessage(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const activity = context.activity;
  if (activity.id && !(await deps.seen.firstTime(`teams:${activity.conversation.id}:${activity.id}`))) return;

  if (activity.value !== undefined && !activity.text) {
    const data = readCardData(activity.value);
    if (data) await onCardSubmit(context, data, deps);
    return;
  }
  // In a channel or group chat Teams only delivers messages that mention Sofo (unless the app asks for
  // more); should it ever deliver others, they are not questions for Sofo.
  const type = activity.conversation.conversationType;
  if ((type === 'channel' || type === 'groupChat') && !mentionsBot(activity)) return;

  const command = parseCommand(questionFromTeams(activity));
  if (command.kind === 'tips') {
    await onTipsCommand(context, command.command, deps);
    return;
  }
  const made = replyTo(deps.engine, command, localeLang(activity));
  const card = renderCard(made.reply, { question: made.question, via: made.via, shared: isShared(context) });
  await replyWithCard(context, card, made.reply.title);
}

import type { TurnContext } from 'botbuilder';
import type { TipsCommand } from '../../../tips/command';
import { applyTipsCommand } from '../../../tips/subscriptions';
import type { TeamsDeps } from '../context';
import { conversationRecord } from '../reference';

/**
 * `tips på` / `tips av` in a chat or channel. A channel thread's id carries `;messageid=…`: tips go to
 * the channel itself, so the subscription and the stored reference use the id without it.
 */
export async function onTipsCommand(
  context: TurnContext,
  command: TipsCommand,
  deps: TeamsDeps,
): Promise<void> {
  const record = conversationRecord(context.activity, deps.now());
  const id = channelOf(record.id);
  const conversation = (record.reference.conversation ?? {}) as Record<string, unknown>;
  if (command.action === 'on') {
    await deps.store.saveConversation({
      ...record,
      id,
      reference: { ...record.reference, conversation: { ...conversation, id } },
    });
  }
  const text = await applyTipsCommand(
    deps.store,
    command,
    { id: `teams:${id}`, platform: 'teams', target: id, subscriber: context.activity.from.id },
    deps.engine.kb.tips.length,
    deps.now(),
    { chat: context.activity.conversation.conversationType === 'personal' },
  );
  await context.sendActivity(text);
}

export function channelOf(conversationId: string): string {
  return conversationId.split(';messageid=')[0] ?? conversationId;
}

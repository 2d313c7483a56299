import type { App, SlashCommand } from '@slack/bolt';
import { parseTipsCommand, TIPS_REPLIES, type TipsCommand } from '../../../tips/command';
import { applyTipsCommand, withPrefix } from '../../../tips/subscriptions';
import type { SlackDeps } from '../context';
import { presenceIn } from '../presence';
import { questionFromSlack } from '../question';
import { renderSlack } from '../render';

/** What a subscription of a Slack channel is called; the membership events find it again by this. */
export function tipTarget(channel: string) {
  return { id: `slack:${channel}`, platform: 'slack' as const, target: channel };
}

/**
 * `/sofo tips på|av`. Slash commands work in every channel, but Sofo can post only where it is a
 * member: elsewhere the subscription waits for the invitation (member_joined_channel), and the answer
 * says how to invite; where no app can ever post (a DM between others) the answer says so.
 */
async function tipsCommand(
  tips: TipsCommand,
  command: SlashCommand,
  client: App['client'],
  deps: SlackDeps,
): Promise<string> {
  const target = { ...tipTarget(command.channel_id), subscriber: command.user_id };
  const tipCount = deps.engine.kb.tips.length;
  if (tips.action === 'on') {
    const presence = await presenceIn(client, command.channel_id, command.channel_name);
    if (presence === 'unreachable') return withPrefix(TIPS_REPLIES.impossible[tips.lang], SLASH);
    if (presence === 'absent') {
      await deps.store.unsubscribe(target.id); // a stale active one would fail at the next slot
      const waiting = { ...target, pending: true as const };
      return applyTipsCommand(deps.store, tips, waiting, tipCount, deps.now(), { prefix: SLASH });
    }
  }
  // In a DM with Sofo (D…) the answer speaks of "this chat".
  const chat = command.channel_id.startsWith('D');
  return applyTipsCommand(deps.store, tips, target, tipCount, deps.now(), { prefix: SLASH, chat });
}

/** How Slack users type Sofo's commands. */
const SLASH = '/sofo ';

/**
 * `/sofo <fråga>` and `/kontakt <sökord>`. The engine answers in well under a millisecond, so the
 * answer goes back in the acknowledgement itself: ephemeral, inside Slack's 3 seconds, and nothing to
 * lose between an ack and a later post.
 */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/sofo', async ({ command, ack, client }) => {
    const question = questionFromSlack(command.text);
    const tips = parseTipsCommand(question);
    if (tips) {
      await ack({ response_type: 'ephemeral', text: await tipsCommand(tips, command, client, deps) });
      return;
    }
    const reply =
      question === ''
        ? deps.engine.answer('help', (await deps.languages.of(client, command.user_id)) ?? 'sv')
        : deps.engine.ask(question);
    if (!reply) return ack();
    if (question !== '') deps.languages.asked(command.user_id, reply.lang);
    await ack({
      response_type: 'ephemeral',
      ...renderSlack(reply, { question, shareable: reply.kind === 'answer' }),
    });
  });

  app.command('/kontakt', async ({ command, ack, client }) => {
    const query = questionFromSlack(command.text);
    // Without a query the directory is shown, in the user's language; a query's language is its own.
    const lang = query === '' ? await deps.languages.of(client, command.user_id) : undefined;
    const reply = deps.engine.lookupContacts(query, lang ? { lang } : {});
    await ack({ response_type: 'ephemeral', ...renderSlack(reply, { question: query }) });
  });
}

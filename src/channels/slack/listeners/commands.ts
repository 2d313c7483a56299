import type { App } from '@slack/bolt';
import { parseTipsCommand } from '../../../tips/command';
import { applyTipsCommand } from '../../../tips/subscriptions';
import type { SlackDeps } from '../context';
import { questionFromSlack } from '../question';
import { renderSlack } from '../render';

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
      const target = {
        id: `slack:${command.channel_id}`,
        platform: 'slack' as const,
        target: command.channel_id,
      };
      const text = await applyTipsCommand(deps.store, tips, target, deps.engine.kb.tips.length, deps.now());
      await ack({ response_type: 'ephemeral', text });
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

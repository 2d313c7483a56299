import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import { ACTIONS, decodeValue } from '../actions';
import type { SlackDeps } from '../context';
import { escapeSlack } from '../escape';
import { feedbackThanks, renderSlack, withFeedbackAcknowledged } from '../render';

type ButtonClick = BlockAction<ButtonAction>;

/** Button clicks: 👍/👎, a clarify or case choice, sharing an ephemeral answer, and link buttons. */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<ButtonClick>(ACTIONS.feedback, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = decodeValue(action.value);
    // A vote on something Sofo never answered is not data (a forged or stale button): refused, as on the web.
    if (!value || !deps.engine.isReplyId(value.id)) return;
    const vote = action.action_id.endsWith('_up') ? 'up' : 'down';
    await deps.store.addFeedback({
      entryId: value.id,
      question: value.q,
      vote,
      platform: 'slack',
      user: deps.pseudonymize('slack', body.user.id),
      at: deps.now().toISOString(),
    });
    if (body.channel && body.message && !body.container?.is_ephemeral && !isDirect(body.channel.id)) {
      // A message others see too: one person's vote must not change it for everyone. The thanks goes
      // to the voter alone (response_url, ephemeral), and the buttons stay for the others.
      const thanks = feedbackThanks(vote, value.lang);
      await respond({ response_type: 'ephemeral', replace_original: false, text: thanks });
      return;
    }
    // Only the voter sees it (an ephemeral answer, a DM): the 👍/👎 row becomes a thank-you line.
    const original = (body.message?.blocks as types.KnownBlock[] | undefined) ?? rerender(deps, value);
    const blocks = withFeedbackAcknowledged(original, vote, value.lang);
    const text = body.message?.text ?? '';
    if (body.container?.is_ephemeral || !body.message || !body.channel) {
      await respond({ replace_original: true, text, blocks });
    } else {
      await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text, blocks });
    }
  });

  app.action<ButtonClick>(ACTIONS.choose, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = decodeValue(action.value);
    const reply = value && deps.engine.answer(value.id, value.lang);
    if (!value || !reply) return;
    const message = renderSlack(reply, {
      question: value.q,
      shareable: body.container?.is_ephemeral === true,
    });
    if (body.container?.is_ephemeral || !body.channel) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    } else {
      const threadTs = body.container?.thread_ts ?? body.message?.thread_ts ?? body.message?.ts;
      await client.chat.postMessage({
        channel: body.channel.id,
        ...message,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    }
  });

  app.action<ButtonClick>(ACTIONS.share, async ({ ack, body, action, respond }) => {
    await ack();
    const value = decodeValue(action.value);
    const reply = value && deps.engine.answer(value.id, value.lang);
    if (!value || !reply) return;
    const message = renderSlack(reply, { question: value.q });
    const sharedBy = value.lang === 'sv' ? 'Delat av' : 'Shared by';
    const asked = value.lang === 'sv' ? 'Fråga' : 'Question';
    message.blocks.unshift({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `${sharedBy} <@${body.user.id}> · ${asked}: ${escapeSlack(value.q)}` },
      ],
    });
    await respond({ response_type: 'in_channel', replace_original: false, ...message });
    await respond({ delete_original: true });
  });

  // Link buttons open their URL in the browser; Slack still sends the click, which must be acknowledged.
  app.action(ACTIONS.link, async ({ ack }) => {
    await ack();
  });
}

/** A DM with Sofo (D…): no one else sees the message, so it may change in place. */
function isDirect(channelId: string): boolean {
  return channelId.startsWith('D');
}

/**
 * Slack does not send an ephemeral message back with a click: make the same reply again. The engine is
 * deterministic, so the question gives it again; a fallback or contact list has no entry to open.
 */
function rerender(deps: SlackDeps, value: { id: string; lang: 'sv' | 'en'; q: string }): types.KnownBlock[] {
  const again = deps.engine.replay(value.q, { lang: value.lang });
  const reply = again.id === value.id ? again : deps.engine.answer(value.id, value.lang);
  return renderSlack(reply ?? again, { question: value.q }).blocks;
}

import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { questionFromSlack } from '../question';
import { renderSlack } from '../render';

interface IncomingMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  channel_type?: string;
  edited?: unknown;
}

/**
 * Questions: a mention in a channel (answered in the question's thread) and a direct message (answered
 * in the DM). Bots, edits, deletions and every other subtype are ignored; a message delivered twice (a
 * retry, or as both `message` and `app_mention`) is answered once.
 */
export function registerMessages(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    const message = event as unknown as IncomingMessage;
    if (!isFromHuman(message, context.botUserId)) return;
    await answer(message, client, deps, message.thread_ts ?? message.ts);
  });

  app.event('message', async ({ event, client, context }) => {
    const message = event as unknown as IncomingMessage;
    if (message.channel_type !== 'im' || !isFromHuman(message, context.botUserId)) return;
    await answer(message, client, deps, message.thread_ts);
  });
}

function isFromHuman(message: IncomingMessage, botUserId: string | undefined): boolean {
  if (message.subtype !== undefined || message.bot_id !== undefined || message.edited !== undefined)
    return false;
  return message.user !== undefined && message.user !== botUserId;
}

async function answer(
  message: IncomingMessage,
  client: App['client'],
  deps: SlackDeps,
  threadTs: string | undefined,
): Promise<void> {
  if (!(await deps.seen.firstTime(`slack:message:${message.channel}:${message.ts}`))) return;
  // Bolt has acknowledged the event; let other requests waiting for their acknowledgement go first.
  await new Promise((resolve) => setImmediate(resolve));
  const question = questionFromSlack(message.text);
  const reply = deps.engine.ask(question);
  if (message.user) deps.languages.asked(message.user, reply.lang);
  const { text, blocks } = renderSlack(reply, { question });
  await client.chat.postMessage({
    channel: message.channel,
    text,
    blocks,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    unfurl_links: false,
  });
}

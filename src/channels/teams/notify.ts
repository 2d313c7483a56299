import type { BotAdapter, ConversationParameters } from 'botbuilder';
import { TIPS_REPLIES } from '../../tips/command';
import type { Subscription } from '../../tips/model';

/** Where Sofo can reach a tenant's users from: the Bot Connector address and the tenant. */
export interface Reach {
  serviceUrl: string;
  tenantId?: string;
  /** Sofo's own id in Teams ("28:<app id>"). */
  botId: string;
}

/**
 * Tells the person who turned the tips on that they have ended, in a 1:1 chat with them (Bot
 * Connector createConversation). Teams allows it where Sofo is installed for that person (a personal
 * chat, or another team they share); otherwise it refuses, and the log line is all there is.
 */
export async function tellSubscriber(
  adapter: BotAdapter,
  appId: string,
  reach: Reach,
  subscription: Subscription,
  log: (line: string) => void,
): Promise<void> {
  if (!subscription.subscriber) return;
  const text = TIPS_REPLIES.ended[subscription.lang].replace(
    '{where}',
    subscription.lang === 'sv'
      ? 'kanalen eller chatten där du slog på dem'
      : 'the channel or chat where you turned them on',
  );
  const parameters = {
    isGroup: false,
    bot: { id: reach.botId, name: 'Sofo' },
    members: [{ id: subscription.subscriber, name: '' }],
    ...(reach.tenantId ? { tenantId: reach.tenantId, channelData: { tenant: { id: reach.tenantId } } } : {}),
  } as ConversationParameters;
  try {
    await adapter.createConversationAsync(
      appId,
      'msteams',
      reach.serviceUrl,
      'https://api.botframework.com',
      parameters,
      async (context) => {
        await context.sendActivity(text);
      },
    );
  } catch (error) {
    log(`tips: ${subscription.id}: could not tell the subscriber: ${(error as Error).message}`);
  }
}

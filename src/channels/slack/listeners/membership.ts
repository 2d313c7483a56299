import type { App } from '@slack/bolt';
import { TIPS_REPLIES } from '../../../tips/command';
import { withPrefix } from '../../../tips/subscriptions';
import type { SlackDeps } from '../context';
import { endedNotice } from '../tips';
import { tipTarget } from './commands';

interface MemberEvent {
  user: string;
  channel: string;
}

/**
 * Sofo joining or leaving a channel, for the weekly tips: a subscription that waited for Sofo becomes
 * a real one when it is invited (and the channel is told), and one that can no longer be delivered
 * because Sofo was removed ends at once, told to the person who subscribed.
 */
export function registerMembership(app: App, deps: SlackDeps): void {
  app.event('member_joined_channel', async ({ event, context, client }) => {
    const { user, channel } = event as unknown as MemberEvent;
    if (user !== context.botUserId) return;
    const { id } = tipTarget(channel);
    const waiting = (await deps.store.listSubscriptions()).find((s) => s.id === id && s.pending);
    if (!waiting) return;
    const { pending: _pending, offset: _offset, cursor: _cursor, ...rest } = waiting;
    await deps.store.unsubscribe(id);
    await deps.store.subscribe({ ...rest, since: deps.now().toISOString() }, deps.engine.kb.tips.length);
    await client.chat.postMessage({ channel, text: withPrefix(TIPS_REPLIES.joined[waiting.lang], '/sofo ') });
  });

  app.event('member_left_channel', async ({ event, context, client }) => {
    const { user, channel } = event as unknown as MemberEvent;
    if (user !== context.botUserId) return;
    const { id } = tipTarget(channel);
    const ended = (await deps.store.listSubscriptions()).find((s) => s.id === id);
    if (!ended) return;
    await deps.store.unsubscribe(id);
    deps.log(`tips: ${id}: Sofo was removed from the channel; subscription ended`);
    const notice = ended.pending ? undefined : endedNotice(ended);
    if (notice) await client.chat.postMessage(notice);
  });
}

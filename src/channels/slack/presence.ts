import type { App } from '@slack/bolt';
import { within } from './timeout';

/**
 * Whether Sofo can post in the conversation a slash command came from. Slash commands work in every
 * channel, but posting needs Sofo to be a member: `member` (or Sofo's own DM with the user), `absent`
 * (a channel it can be invited to), `unreachable` (a DM or group DM between other people, which no
 * app can join), or `unknown` (Slack did not say in time, or Sofo lacks the read scopes).
 */
export type Presence = 'member' | 'absent' | 'unreachable' | 'unknown';

const TIMEOUT_MS = 1000;

export async function presenceIn(
  client: App['client'],
  channel: string,
  channelName: string | undefined,
): Promise<Presence> {
  try {
    const info = await within(client.conversations.info({ channel }), TIMEOUT_MS);
    if (!info?.channel) return 'unknown';
    if (info.channel.is_im || info.channel.is_member) return 'member';
    return 'absent';
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error !== 'channel_not_found') return 'unknown';
    // Slack hides what Sofo is not in: a private channel, or a DM / group DM between other people.
    // The slash command's channel_name tells them apart ("directmessage", "mpdm-…").
    const name = channelName ?? '';
    return name === 'directmessage' || name.startsWith('mpdm-') ? 'unreachable' : 'absent';
  }
}

import type { ChannelDeps } from '../shared/deps';

/** What every Teams handler needs. */
export interface TeamsDeps extends ChannelDeps {
  /** The bot's Microsoft App ID ('' without authentication): proactive 1:1 chats are opened with it. */
  appId: string;
}

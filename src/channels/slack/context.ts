import type { ChannelDeps } from '../shared/deps';

/** What every Slack listener needs. */
export type SlackDeps = ChannelDeps;

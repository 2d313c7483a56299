import type { ChannelDeps } from '../shared/deps';

/** What every Teams handler needs. */
export type TeamsDeps = ChannelDeps;

import type { ChannelDeps } from '../shared/deps';
import type { UserLanguages } from './locale';

/** What every Slack listener needs. */
export interface SlackDeps extends ChannelDeps {
  languages: UserLanguages;
}

import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { homeView } from '../home';

/** Publishes the Home tab whenever a user opens it (Slack keeps the last published view). */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const lang = (await deps.languages.of(client, event.user)) ?? 'sv';
    await client.views.publish({ user_id: event.user, view: homeView(deps.engine.overview(lang), lang) });
  });
}

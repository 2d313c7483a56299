import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');

describe('the Slack app manifest', () => {
  const manifest = parse(readFileSync(join(ROOT, 'manifests', 'slack', 'manifest.yaml'), 'utf8'));

  it('has what Slack requires, within its limits', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description.length;
    expect(long).toBeGreaterThanOrEqual(175);
    expect(long).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('declares the events, commands and App Home Sofo handles, with the least scopes for them', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'member_joined_channel',
      'member_left_channel',
      'message.im',
    ]);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/sofo',
      '/kontakt',
    ]);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    // The history scopes only so a weekly tip is never posted twice after a crash (tips/runner.ts);
    // users:read only for the user's locale (users.info), so the Home tab is in their language;
    // channels:read/groups:read only to know whether Sofo is in a channel that asks for tips.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'channels:read',
      'chat:write',
      'commands',
      'groups:history',
      'groups:read',
      'im:history',
      'users:read',
    ]);
  });

  it('points every request URL at the one Slack endpoint', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });
});

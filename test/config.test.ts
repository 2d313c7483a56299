import { ConfigError, readConfig } from '../src/config/config';

describe('readConfig', () => {
  it('runs without Slack when no Slack variable is set', () => {
    expect(readConfig({}).slack).toBeUndefined();
    expect(readConfig({ SLACK_API_URL: 'http://127.0.0.1:1/api/' }).slack).toBeUndefined();
  });

  it('takes HTTP mode from the signing secret and bot token', () => {
    expect(readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }).slack).toEqual({
      mode: 'http',
      signingSecret: 's',
      botToken: 'xoxb-1',
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('switches to Socket Mode with an app token', () => {
    expect(readConfig({ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' }).slack).toMatchObject({
      mode: 'socket',
    });
  });

  it('refuses an incomplete set and names what is missing', () => {
    expect(() => readConfig({ SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN: is missing/);
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: is missing/);
    expect(() => readConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/SLACK_BOT_TOKEN: is missing/);
    expect(() => readConfig({ SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      ConfigError,
    );
  });

  it('validates PORT and SLACK_API_URL, and gives the API URL its trailing slash', () => {
    expect(() => readConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() =>
      readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x', SLACK_API_URL: 'nope' }),
    ).toThrow(/SLACK_API_URL/);
    expect(
      readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x', SLACK_API_URL: 'http://127.0.0.1:9/api' })
        .slack?.apiUrl,
    ).toBe('http://127.0.0.1:9/api/');
  });
});

import type { App } from '@slack/bolt';
import { langOf, UserLanguages } from '../src/channels/slack/locale';

/** A Web API client with only users.info, answering from a function; it counts the calls. */
function client(info: (user: string) => Promise<unknown>) {
  const calls: string[] = [];
  const fake = {
    users: {
      info: ({ user }: { user: string }) => {
        calls.push(user);
        return info(user);
      },
    },
  } as unknown as App['client'];
  return { fake, calls };
}

describe('a Slack user’s language', () => {
  it('reads Slack locales: every English is English, every Swedish Swedish, others nothing', () => {
    expect([langOf('en-GB'), langOf('en-US'), langOf('sv-SE'), langOf('de-DE'), langOf(undefined)]).toEqual([
      'en',
      'en',
      'sv',
      null,
      null,
    ]);
  });

  it('asks Slack once per user and remembers, within a bounded number of users', async () => {
    const { fake, calls } = client(async () => ({ ok: true, user: { locale: 'en-US' } }));
    const languages = new UserLanguages({ max: 2 });
    expect(await languages.of(fake, 'U1')).toBe('en');
    expect(await languages.of(fake, 'U1')).toBe('en');
    expect(calls).toEqual(['U1']);
    await languages.of(fake, 'U2');
    await languages.of(fake, 'U3'); // U1 is the least recently used of three: forgotten
    await languages.of(fake, 'U1');
    expect(calls).toEqual(['U1', 'U2', 'U3', 'U1']);
  });

  it('falls back to the language of the last question when Slack fails or does not answer in time', async () => {
    const failing = client(async () => {
      throw Object.assign(new Error('missing_scope'), { data: { error: 'missing_scope' } });
    });
    const languages = new UserLanguages();
    languages.asked('U1', 'en');
    expect(await languages.of(failing.fake, 'U1')).toBe('en');
    expect(await languages.of(failing.fake, 'U2')).toBeUndefined();

    // A users.info that never answers must not hold up a slash command's acknowledgement.
    const silent = client(() => new Promise(() => undefined));
    const patient = new UserLanguages();
    patient.asked('U3', 'sv');
    expect(await patient.of(silent.fake, 'U3')).toBe('sv');
  });
});

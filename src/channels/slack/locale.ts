import type { App } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Lang } from '../../core/lang';
import { within } from './timeout';

/** What Sofo knows of a user's language: Slack's locale setting, and the language they last asked in. */
interface Known {
  /** From users.info; null when Slack gave none Sofo speaks (or could not be asked); undefined: not asked yet. */
  locale?: Lang | null;
  asked?: Lang;
}

/**
 * The language to show a Slack user what Sofo shows unasked (the Home tab, `/sofo` alone, the contact
 * directory): their Slack locale (`users.info` with `include_locale`, which needs `users:read`), else
 * the language of their last question. Kept in memory only, bounded in size and time, and never
 * written anywhere: the user id is the key because Slack needs it for the look-up anyway.
 */
export class UserLanguages {
  private readonly known: LRUCache<string, Known>;

  constructor(options: { max?: number; ttlMs?: number } = {}) {
    // A day: a changed language setting is picked up by the next day.
    this.known = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 24 * 3600_000 });
  }

  async of(client: App['client'], user: string): Promise<Lang | undefined> {
    const known = this.known.get(user) ?? {};
    if (known.locale === undefined) {
      const found = await lookUp(client, user);
      known.locale = found ?? null;
      // Slack could not be asked (down, slow): try again in a few minutes rather than in a day.
      this.known.set(user, known, found === undefined ? { ttl: RETRY_MS } : {});
    }
    return known.locale ?? known.asked;
  }

  /** The language of a question the user asked: the fallback when their locale says nothing. */
  asked(user: string, lang: Lang): void {
    const known = this.known.get(user);
    if (known) known.asked = lang;
    else this.known.set(user, { asked: lang });
  }
}

/**
 * Slash commands are answered in their acknowledgement, within Slack's 3 seconds: a look-up that takes
 * longer than this is given up (and the client's retries with it) in favour of the fallback language.
 */
const LOOKUP_TIMEOUT_MS = 1000;
const RETRY_MS = 10 * 60_000;

/** The user's language from Slack; null when Slack names none Sofo speaks; undefined when it cannot tell. */
async function lookUp(client: App['client'], user: string): Promise<Lang | null | undefined> {
  try {
    const info = await within(client.users.info({ user, include_locale: true }), LOOKUP_TIMEOUT_MS);
    return info ? langOf(info.user?.locale) : undefined;
  } catch {
    // No users:read scope, a deleted user, Slack down: the last question's language decides.
    return undefined;
  }
}

/** Slack locales are IETF tags such as "sv-SE", "en-US", "en-GB". */
export function langOf(locale: string | undefined): Lang | null {
  const tag = (locale ?? '').toLowerCase();
  if (tag.startsWith('en')) return 'en';
  if (tag.startsWith('sv')) return 'sv';
  return null;
}

import { createHmac } from 'node:crypto';
import type { Platform } from './store';

/** A stable, non-reversible stand-in for a platform user id (HMAC-SHA256 with the pseudonym key). */
export function pseudonym(key: string, platform: Platform, userId: string): string {
  return createHmac('sha256', key).update(`${platform}:${userId}`).digest('hex').slice(0, 24);
}

/** Turns platform user ids into pseudonyms with one key; channels get this, never the key's source. */
export type Pseudonymize = (platform: Platform, userId: string) => string;

export function pseudonymizer(key: string): Pseudonymize {
  return (platform, userId) => pseudonym(key, platform, userId);
}

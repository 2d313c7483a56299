import { createHmac } from 'node:crypto';
import type { Platform } from './store';

/** A stable, non-reversible stand-in for a platform user id (HMAC-SHA256 with the store's salt). */
export function pseudonym(salt: string, platform: Platform, userId: string): string {
  return createHmac('sha256', salt).update(`${platform}:${userId}`).digest('hex').slice(0, 24);
}

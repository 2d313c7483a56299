import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler } from 'express';

export const COOKIE = 'sofo_admin';
/** A login lasts a working day; then the form asks again. */
const SESSION_MS = 8 * 60 * 60 * 1000;

/**
 * Who may use /admin. With SOFO_ADMIN_TOKEN set: a request with `Authorization: Bearer <token>`, or
 * the http-only cookie the login form sets (an expiry signed with the token, so changing the token ends
 * every login). Without a token: this computer only (a loopback address, and no proxy header saying the
 * request came from elsewhere).
 */
export class AdminAuth {
  constructor(
    private readonly token: string | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get configured(): boolean {
    return this.token !== undefined;
  }

  allows(req: Request): boolean {
    if (!this.token) return isLoopback(req);
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (bearer !== undefined) return sameText(bearer, this.token);
    const cookie = parseCookies(req.headers.cookie ?? '')[COOKIE];
    return cookie !== undefined && this.validSession(cookie);
  }

  /** Checks a token typed into the login form. */
  matches(token: string): boolean {
    return this.token !== undefined && sameText(token, this.token);
  }

  /** The cookie value for a new login: its expiry, signed. */
  session(): { value: string; maxAgeMs: number } {
    const expires = String(this.now().getTime() + SESSION_MS);
    return { value: `${expires}.${this.sign(expires)}`, maxAgeMs: SESSION_MS };
  }

  private validSession(value: string): boolean {
    const [expires, signature] = value.split('.');
    if (!expires || !signature || !/^\d+$/.test(expires)) return false;
    return sameText(signature, this.sign(expires)) && Number(expires) > this.now().getTime();
  }

  private sign(text: string): string {
    return createHmac('sha256', this.token ?? '')
      .update(`sofo-admin-session:${text}`)
      .digest('base64url');
  }
}

/** /admin/api/*: 401 (or 403 off this computer without a token) with a message an editor can act on. */
export function requireAdmin(auth: AdminAuth): RequestHandler {
  return (req, res, next) => {
    if (auth.allows(req)) return next();
    if (!auth.configured) {
      res.status(403).json({
        error: 'forbidden',
        message:
          'Ingen SOFO_ADMIN_TOKEN är satt: /admin går bara att använda på den här datorn. / No SOFO_ADMIN_TOKEN is set: /admin works on this computer only.',
      });
      return;
    }
    res.status(401).set('www-authenticate', 'Bearer realm="sofo-admin"').json({
      error: 'unauthorized',
      message: 'Logga in / log in: Authorization: Bearer <SOFO_ADMIN_TOKEN>',
    });
  };
}

/**
 * A request from this computer, as far as the server can tell: a loopback peer, and no proxy header
 * (a reverse proxy on the same machine makes every visitor look local).
 */
export function isLoopback(req: Request): boolean {
  if (req.headers['x-forwarded-for'] || req.headers.forwarded || req.headers['x-real-ip']) return false;
  const address = req.socket.remoteAddress ?? '';
  return (
    address === '::1' ||
    address === '127.0.0.1' ||
    address.startsWith('::ffff:127.') ||
    address.startsWith('127.')
  );
}

function sameText(a: string, b: string): boolean {
  // Compared as HMACs of equal length: timingSafeEqual needs that, and the length says nothing then.
  const key = 'sofo-compare';
  const ha = createHmac('sha256', key).update(a).digest();
  const hb = createHmac('sha256', key).update(b).digest();
  return timingSafeEqual(ha, hb);
}

import { isIPv6 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { LogThrottle } from './log-throttle';

/**
 * A per-client budget of requests per minute on one group of routes, kept in memory (each instance
 * counts for itself). Over budget: 429 with Retry-After before the body is read, so a flood costs Sofo
 * one counter lookup per request. One log line per minute at most, without the address (an IP address is
 * personal data).
 */
export function rateLimit(name: string, perMinute: number, log: (line: string) => void): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const throttle = new LogThrottle(60_000);
  return (req, res, next) => {
    limiter.consume(clientKey(req)).then(
      () => next(),
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) {
          next(rejection);
          return;
        }
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throttle.run((skipped) =>
          log(
            `sofo: ${name}: a client went over ${perMinute} requests/min (429)${skipped ? `; ${skipped} more 429s since the last line` : ''}`,
          ),
        );
        res
          .set('retry-after', String(seconds))
          .status(429)
          .json({
            error: 'rate_limited',
            message: `För många förfrågningar på kort tid, försök igen om ${seconds} s. / Too many requests, try again in ${seconds} s.`,
            retryAfter: seconds,
          });
      },
    );
  };
}

/**
 * Who a request counts against: its address as Express sees it (X-Forwarded-For only from the proxies
 * SOFO_TRUST_PROXY trusts). An IPv6 client usually holds a whole /64, so it counts as one.
 */
export function clientKey(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  return isIPv6(ip) ? `${ipv6Groups(ip).slice(0, 4).join(':')}::/64` : ip;
}

/** The eight groups of an IPv6 address, "::" expanded. */
function ipv6Groups(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]?.split('::') ?? [''];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) => g.toLowerCase() || '0');
}

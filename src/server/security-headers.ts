import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The headers every response carries (pages, the JSON API, the platforms' endpoints): a Content
 * Security Policy that allows scripts, styles and fetches from Sofo's own origin only (no inline
 * script, so an injected tag cannot run), no framing, no MIME sniffing, no referrer.
 *
 * Left out on purpose: HSTS and upgrade-insecure-requests. Sofo often runs on plain http on a laptop or
 * behind a proxy that terminates TLS; whether the whole domain is https-only is the proxy's decision.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

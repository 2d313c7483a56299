import { createServer, type Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { DEFAULT_RATES, type RateLimits } from '../config/edge';
import type { KnowledgeStatus } from '../live/live-knowledge';
import { LogThrottle } from './log-throttle';
import { rateLimit } from './rate-limit';
import { securityHeaders } from './security-headers';

export interface ServerDeps {
  /** The live knowledge: /healthz says which version answers. */
  knowledge: KnowledgeStatus;
  log: (line: string) => void;
  /** Channel routes mounted on the same server (web chat, Slack's /slack/events, Teams' /api/messages). */
  routers: Router[];
  /** What /healthz adds about the store (degraded while it cannot be reached). */
  health?: () => Promise<{ status: 'ok' | 'degraded' }>;
  /** Per-client requests per minute on the open routes (default DEFAULT_RATES). */
  rates?: RateLimits;
  /** Express's "trust proxy": whose X-Forwarded-For names the client (default: nobody's). */
  trustProxy?: string | number | false;
}

/**
 * The one HTTP server: the local web chat and its API, and the chat platforms' endpoints.
 * Body parsing is per route, never app-wide: Slack's signature check needs the raw body.
 * The open routes are limited per client; Slack's and Teams' are limited by their signatures instead
 * (their traffic comes from a few addresses, so a per-address limit would only hurt real users).
 */
export function createApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(securityHeaders());
  app.get('/healthz', async (_req, res) => {
    const { version, problems } = deps.knowledge;
    const health = (await deps.health?.()) ?? { status: 'ok' as const };
    res.json({
      ...health,
      entries: version.entries,
      // Which knowledge answers, and whether a later change on disk was refused (see the log).
      knowledge: { version: version.hash, loadedAt: version.loadedAt, problems: problems.length },
    });
  });
  const rates = deps.rates ?? DEFAULT_RATES;
  app.use(['/api/ask', '/api/answer'], rateLimit('/api/ask', rates.ask, deps.log));
  app.use('/api/feedback', rateLimit('/api/feedback', rates.feedback, deps.log));
  app.use('/api/contacts', rateLimit('/api/contacts', rates.contacts, deps.log));
  // Before the admin routes: the page and its API have a budget of their own.
  app.use('/admin', rateLimit('/admin', rates.admin, deps.log));
  for (const router of deps.routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'Ingen sådan sida / no such page' });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) deps.log(`sofo: request failed: ${(error as Error)?.message ?? String(error)}`);
    res
      .status(status)
      .json({ error: status === 413 ? 'too_large' : status < 500 ? 'bad_request' : 'internal_error' });
  });
  return app;
}

/** body-parser errors carry an HTTP status (400 malformed JSON, 413 too large, 415 wrong charset). */
function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** How long a client may take and how many connections it may hold. */
export interface ServerLimits {
  /** From connecting to the end of the request headers (also closes sockets that send nothing). */
  headersTimeoutMs: number;
  /** From connecting to the end of the request body: a slow body is cut with 408. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are closed at once, before they can use up the process's open files. */
  maxConnections: number;
}

export const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 2000,
};

export function listen(
  app: Express,
  port: number,
  host = '127.0.0.1',
  limits: Partial<ServerLimits> & { log?: (line: string) => void } = {},
): Promise<Server> {
  const { log, ...given } = limits;
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections } = {
    ...SERVER_LIMITS,
    ...given,
  };
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default, which would let a slow
      // client keep its socket three times longer than requestTimeout).
      connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeoutMs / 2)),
    },
    app,
  );
  server.maxConnections = maxConnections;
  const dropped = new LogThrottle(60_000);
  server.on('drop', () =>
    dropped.run((skipped) =>
      log?.(
        `sofo: ${maxConnections} connections open; new ones are closed at once${skipped ? ` (${skipped} more since the last line)` : ''}`,
      ),
    ),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

import type { Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { KnowledgeStatus } from '../live/live-knowledge';

export interface ServerDeps {
  /** The live knowledge: /healthz says which version answers. */
  knowledge: KnowledgeStatus;
  log: (line: string) => void;
  /** Channel routes mounted on the same server (web chat, Slack's /slack/events, Teams' /api/messages). */
  routers: Router[];
  /** What /healthz adds about the store (degraded while it cannot be reached). */
  health?: () => Promise<{ status: 'ok' | 'degraded' }>;
}

/**
 * The one HTTP server: the local web chat and its API, and the chat platforms' endpoints.
 * Body parsing is per route, never app-wide: Slack's signature check needs the raw body.
 */
export function createApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
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

export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host ?? '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
  });
}

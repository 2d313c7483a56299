import { join } from 'node:path';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { PROJECT_ROOT } from '../config/paths';
import type { Engine } from '../core/engine';
import { formatProblem } from '../core/knowledge/problems';
import { LANGS, type Lang } from '../core/lang';
import { InboxError } from '../inbox/errors';
import type { Inbox } from '../inbox/inbox';
import { publicGroup } from '../inbox/public';
import type { KnowledgeStatus } from '../live/live-knowledge';
import { refuseBodiesOver } from '../server/body-limit';
import { summarise } from '../stats/summary';
import type { CounterStore } from '../storage/counters';
import { type AdminAuth, COOKIE, isLoopback, requireAdmin } from './auth';
import { BATCH_LIMITS, parseBatch, runBatch } from './batch';

const PUBLIC = join(PROJECT_ROOT, 'src', 'admin', 'public');

export interface AdminDeps {
  auth: AdminAuth;
  inbox: Inbox;
  /** The live engine, used as is: the admin's own test questions are not counted. */
  engine: () => Engine;
  store: CounterStore;
  log: (line: string) => void;
  now: () => Date;
  /** The live knowledge's version and the problems of the last change that was refused. */
  knowledge?: Pick<KnowledgeStatus, 'version' | 'problems'>;
}

/** How many groups the inbox view lists at once (the largest first). */
const GROUPS_SHOWN = 200;

/** /admin: the editors' page, its login, and the JSON routes under /admin/api/ it works through. */
export function adminRoutes(deps: AdminDeps): Router {
  const router = express.Router();
  const onThisComputerOnly: RequestHandler = (req, res, next) => {
    if (deps.auth.configured || isLoopback(req)) return next();
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send(
        'Ingen SOFO_ADMIN_TOKEN är satt, så /admin går bara att öppna på datorn där Sofo körs.\n' +
          'No SOFO_ADMIN_TOKEN is set, so /admin opens only on the computer Sofo runs on.\n',
      );
  };

  router.get('/admin', onThisComputerOnly, (_req, res) => {
    res.sendFile(join(PUBLIC, 'admin.html'));
  });
  router.use(
    '/admin/static',
    onThisComputerOnly,
    express.static(PUBLIC, { index: false, fallthrough: true }),
  );

  router.post(
    '/admin/login',
    refuseBodiesOver(4096),
    express.urlencoded({ extended: false, limit: '4kb' }),
    (req, res) => {
      const token = (req.body as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || !deps.auth.matches(token)) {
        deps.log('admin: a login with a wrong token was refused');
        res.redirect(303, '/admin?login=failed');
        return;
      }
      const session = deps.auth.session();
      res.cookie(COOKIE, session.value, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/admin',
        maxAge: session.maxAgeMs,
      });
      res.redirect(303, '/admin');
    },
  );
  router.post('/admin/logout', (_req, res) => {
    res.clearCookie(COOKIE, { path: '/admin' });
    res.redirect(303, '/admin');
  });

  const api = express.Router();
  api.use(requireAdmin(deps.auth), sameOriginWrites);

  api.get('/status', (_req, res) => {
    res.json({
      tokenConfigured: deps.auth.configured,
      entries: deps.engine().kb.entries.length,
      version: deps.knowledge?.version ?? null,
      problems: (deps.knowledge?.problems ?? []).map(formatProblem),
    });
  });

  api.get('/entries', (_req, res) => {
    res.json(deps.engine().kb.entries.map((e) => ({ id: e.id, title: e.title, file: e.file })));
  });

  api.get('/inbox', async (_req, res) => {
    const groups = await deps.inbox.groups();
    res.json({ total: groups.length, groups: groups.slice(0, GROUPS_SHOWN).map(publicGroup) });
  });

  const small = [refuseBodiesOver(8 * 1024), express.json({ limit: '8kb' })];
  api.post('/inbox/:id/add', ...small, (req, res) =>
    act(res, async () => {
      const entryId = (req.body as { entryId?: unknown } | undefined)?.entryId;
      if (typeof entryId !== 'string' || entryId === '') {
        res
          .status(400)
          .json({ error: 'bad_request', message: 'Skicka {"entryId": "…"} / send {"entryId": "…"}' });
        return;
      }
      res.json(await deps.inbox.add(String(req.params.id), entryId));
    }),
  );
  api.post('/inbox/:id/ignore', ...small, (req, res) =>
    act(res, async () => res.json(await deps.inbox.ignore(String(req.params.id)))),
  );
  api.post('/inbox/:id/draft', ...small, (req, res) =>
    act(res, async () => res.status(201).json(await deps.inbox.draft(String(req.params.id)))),
  );

  api.post('/test', ...small, (req, res) => {
    const { text, lang } = (req.body ?? {}) as { text?: unknown; lang?: unknown };
    if (typeof text !== 'string' || (lang !== undefined && !(LANGS as readonly unknown[]).includes(lang))) {
      res
        .status(400)
        .json({ error: 'bad_request', message: 'Skicka {"text": "fråga"} / send {"text": "question"}' });
      return;
    }
    res.json(deps.engine().explain(text, lang ? { lang: lang as Lang } : {}));
  });

  api.post(
    '/batch',
    refuseBodiesOver(BATCH_LIMITS.bytes),
    express.text({
      limit: BATCH_LIMITS.bytes,
      type: ['text/plain', 'application/x-ndjson', 'application/jsonl'],
    }),
    express.json({ limit: BATCH_LIMITS.bytes }),
    (req, res) => {
      const body: unknown = req.body;
      const text = typeof body === 'string' ? body : (body as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string') {
        res
          .status(400)
          .json({ error: 'bad_request', message: 'Skicka raderna som text / send the lines as text' });
        return;
      }
      const { lines, problems } = parseBatch(text);
      if (lines.length + problems.length === 0) {
        res.status(400).json({ error: 'bad_request', message: 'Inga rader att testa / no lines to test' });
        return;
      }
      if (lines.length + problems.length > BATCH_LIMITS.lines) {
        res.status(413).json({
          error: 'too_large',
          message: `Högst ${BATCH_LIMITS.lines} rader åt gången / at most ${BATCH_LIMITS.lines} lines at a time`,
        });
        return;
      }
      res.json(runBatch(deps.engine(), lines, problems));
    },
  );

  api.get('/stats', async (req, res) => {
    const weeks = Math.min(52, Math.max(1, Number.parseInt(String(req.query.weeks ?? '12'), 10) || 12));
    res.json(summarise(await deps.store.listCounts(), deps.now(), weeks));
  });

  api.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'Ingen sådan admin-väg / no such admin route' });
  });
  router.use('/admin/api', api);
  return router;
}

/** A cookie is sent with requests another site starts: a write must come from this page's own origin. */
const sameOriginWrites: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  if (req.method === 'GET' || origin === undefined || sameHost(origin, req)) return next();
  res.status(403).json({ error: 'forbidden', message: 'cross-site request refused' });
};

function sameHost(origin: string, req: Request): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

async function act(res: Response, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof InboxError)) throw error;
    const status = { not_found: 404, conflict: 409, invalid: 422 }[error.code];
    res.status(status).json({ error: error.code, message: error.message, ...error.details });
  }
}

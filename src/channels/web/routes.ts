import { join } from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../../config/paths';
import { LANGS, type Lang } from '../../core/lang';
import { MAX_QUESTION_CHARS } from '../../core/text/clean';
import { refuseBodiesOver } from '../../server/body-limit';
import type { ChannelDeps } from '../shared/deps';

const PUBLIC = join(PROJECT_ROOT, 'src', 'channels', 'web', 'public');

/** The page's own files; nothing else in the folder is served. */
const ASSETS = ['chat.js', 'chat.css'] as const;

/** A question longer than this is not read further by the engine, so the API says so instead. */
const MAX_TEXT = MAX_QUESTION_CHARS;

const tooLong = (what: string) => ({
  error: 'bad_request',
  message: `${what} får vara högst ${MAX_TEXT} tecken / may be at most ${MAX_TEXT} characters`,
});

/** The local web chat: a page at / and the JSON API it (and anyone else) calls. */
export function webRoutes(deps: Pick<ChannelDeps, 'engine' | 'store' | 'now' | 'pseudonymize'>): Router {
  const { engine } = deps;
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.sendFile(join(PUBLIC, 'index.html'));
  });
  for (const asset of ASSETS) {
    router.get(`/${asset}`, (_req, res) => {
      res.sendFile(join(PUBLIC, asset));
    });
  }
  router.post(
    '/api/ask',
    // 1,000 characters are at most 6 KB of JSON even if every one is escaped.
    refuseBodiesOver(16 * 1024),
    express.json({ limit: '16kb', strict: true }),
    (req, res) => {
      const body: unknown = req.body;
      const text = (body as { text?: unknown } | null)?.text;
      const lang = (body as { lang?: unknown } | null)?.lang;
      if (typeof text !== 'string') {
        res.status(400).json({
          error: 'bad_request',
          message: 'Skicka JSON {"text": "din fråga"} / send JSON {"text": "your question"}',
        });
        return;
      }
      if (text.length > MAX_TEXT) {
        res.status(400).json(tooLong('Frågan / the question'));
        return;
      }
      if (lang !== undefined && !(LANGS as readonly unknown[]).includes(lang)) {
        res.status(400).json({ error: 'bad_request', message: '"lang" must be "sv" or "en"' });
        return;
      }
      res.json(engine.ask(text, lang === undefined ? {} : { lang: lang as Lang }));
    },
  );
  router.get('/api/answer/:id', (req, res) => {
    const lang = req.query.lang === 'en' ? 'en' : 'sv';
    const reply = engine.answer(req.params.id, lang);
    if (!reply) res.status(404).json({ error: 'not_found', message: `no entry "${req.params.id}"` });
    else res.json(reply);
  });
  router.post('/api/contacts', refuseBodiesOver(16 * 1024), express.json({ limit: '16kb' }), (req, res) => {
    const query = (req.body as { query?: unknown } | null)?.query;
    if (typeof query !== 'string') {
      res
        .status(400)
        .json({ error: 'bad_request', message: 'Skicka JSON {"query": "namn, ort eller ämne"}' });
      return;
    }
    if (query.length > MAX_TEXT) {
      res.status(400).json(tooLong('Sökningen / the search'));
      return;
    }
    res.json(engine.lookupContacts(query));
  });
  router.post(
    '/api/feedback',
    refuseBodiesOver(8 * 1024),
    express.json({ limit: '8kb' }),
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const { id, q, vote, session } = body;
      if (typeof id !== 'string' || typeof q !== 'string' || (vote !== 'up' && vote !== 'down')) {
        res.status(400).json({ error: 'bad_request', message: 'Skicka {"id", "q", "vote": "up"|"down"}' });
        return;
      }
      if (q.length > MAX_TEXT) {
        res.status(400).json(tooLong('"q"'));
        return;
      }
      if (!engine.isReplyId(id)) {
        res.status(404).json({ error: 'not_found', message: `no entry "${id}"` });
        return;
      }
      // The page's own random session id, hashed like a platform user id: votes can be told apart, not traced.
      const user = deps.pseudonymize(
        'web',
        typeof session === 'string' ? session.slice(0, 100) : 'anonymous',
      );
      await deps.store.addFeedback({
        entryId: id,
        question: q,
        vote,
        platform: 'web',
        user,
        at: deps.now().toISOString(),
      });
      res.status(204).end();
    },
  );
  return router;
}

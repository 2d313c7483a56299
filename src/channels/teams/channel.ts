import express, { type Router } from 'express';
import type { TeamsConfig } from '../../config/config';
import { refuseBodiesOver } from '../../server/body-limit';
import type { ChannelDeps } from '../shared/deps';
import { createAdapter } from './adapter';
import { SofoBot } from './bot';
import type { TeamsDeps } from './context';
import { TeamsTipSender } from './tips';
import { checkActivity } from './validate';

/** A Teams activity is a few KB; a card click carries its data; nothing near this is from Teams. */
const BODY_LIMIT = 256 * 1024;

export const TEAMS_PATH = '/api/messages';

/**
 * Sofo's Teams bot: `POST /api/messages` on the shared server. The body is parsed and checked here,
 * then botbuilder's CloudAdapter authenticates it (when an app id is set) and runs the turn.
 */
export function createTeamsChannel(
  config: TeamsConfig,
  channelDeps: ChannelDeps,
): { router: Router; tipSender: TeamsTipSender } {
  const deps: TeamsDeps = { ...channelDeps, appId: config.appId };
  const adapter = createAdapter(config, deps.log);
  const bot = new SofoBot(deps);
  const router = express.Router();
  router.post(
    TEAMS_PATH,
    refuseBodiesOver(BODY_LIMIT),
    express.json({ limit: BODY_LIMIT, strict: true }),
    async (req, res) => {
      const verdict = checkActivity(req.body, { loopbackOnly: config.appId === '' });
      if (!verdict.ok) {
        res.status(verdict.status).json({ error: verdict.error, message: verdict.message });
        return;
      }
      await adapter.process(req, res, (context) => bot.run(context));
    },
  );
  return { router, tipSender: new TeamsTipSender(adapter, config.appId, deps.store) };
}

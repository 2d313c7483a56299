import express, { type Router } from 'express';
import type { TeamsConfig } from '../../config/config';
import { refuseBodiesOver } from '../../server/body-limit';
import type { ChannelDeps } from '../shared/deps';
import { createAdapter } from './adapter';
import { TeamsGate } from './auth';
import { SofoBot } from './bot';
import type { TeamsDeps } from './context';
import { emulatorServiceUrl } from './emulator';
import { isAllowedTenant } from './tenants';
import { TeamsTipSender } from './tips';
import { checkActivity } from './validate';

/** A Teams activity is a few KB; a card click carries its data; nothing near this is from Teams. */
const BODY_LIMIT = 256 * 1024;

export const TEAMS_PATH = '/api/messages';

export interface TeamsChannelOptions {
  /** SOFO_EMULATOR_URL: without an app id, the one Emulator address answered. */
  emulatorUrl?: URL;
  /** Where Microsoft's signing keys are fetched (tests and benches: a local double). */
  openIdMetadataUrl?: string;
}

const EMULATOR_WARNING = `teams: ${TEAMS_PATH} UTAN AUTENTISERING / WITHOUT AUTHENTICATION: MicrosoftAppId is not set, so only the Bot Framework Emulator on this machine is answered. Set MicrosoftAppId and MicrosoftAppPassword for Teams.`;

/**
 * Sofo's Teams bot: `POST /api/messages` on the shared server. The body is parsed and checked here,
 * then botbuilder's CloudAdapter authenticates it (when an app id is set) and runs the turn.
 */
export function createTeamsChannel(
  config: TeamsConfig,
  channelDeps: ChannelDeps,
  options: TeamsChannelOptions = {},
): { router: Router; tipSender: TeamsTipSender } {
  const deps: TeamsDeps = { ...channelDeps, appId: config.appId };
  const adapter = createAdapter(config, deps.log, options);
  const gate = new TeamsGate(adapter, deps.log, config.appId !== '');
  const emulatorOnly = config.appId === '' ? emulatorServiceUrl(options.emulatorUrl) : undefined;
  // Said when the endpoint is used, not at start-up: someone who only wants the web chat need not care.
  let warned = config.appId !== '';
  const bot = new SofoBot(deps);
  const router = express.Router();
  router.post(
    TEAMS_PATH,
    refuseBodiesOver(BODY_LIMIT),
    express.json({ limit: BODY_LIMIT, strict: true }),
    async (req, res) => {
      if (!warned) {
        deps.log(EMULATOR_WARNING);
        warned = true;
      }
      const verdict = checkActivity(req.body, emulatorOnly ? { emulatorOnly } : {});
      if (!verdict.ok) {
        res.status(verdict.status).json({ error: verdict.error, message: verdict.message });
        return;
      }
      if (!isAllowedTenant(req.body, config.tenants)) {
        res.status(200).end();
        return;
      }
      await gate.handle(req, res, (context) => bot.run(context));
    },
  );
  return { router, tipSender: new TeamsTipSender(adapter, config.appId, deps.store) };
}

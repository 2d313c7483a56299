import { App, ExpressReceiver, type Logger, LogLevel } from '@slack/bolt';
import express, { type Router } from 'express';
import type { SlackConfig } from '../../config/config';
import type { ChannelDeps } from '../shared/deps';
import type { SlackDeps } from './context';
import { registerActions } from './listeners/actions';
import { registerCommands } from './listeners/commands';
import { registerHome } from './listeners/home';
import { registerMembership } from './listeners/membership';
import { registerMessages } from './listeners/messages';
import { UserLanguages } from './locale';
import { slackRequestGuard } from './verify';

/** Slack's request bodies are small; anything near this is not Slack. */
const BODY_LIMIT = 256 * 1024;

export interface SlackChannel {
  /** HTTP mode: mount on the shared server. Socket Mode has no routes. */
  router?: Router;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Sofo's Slack app: Bolt over HTTP on the shared server (`POST /slack/events` for events, commands and
 * interactivity; time stamp, signature and shape checked in verify.ts, then by Bolt) or over Socket Mode.
 */
export function createSlackChannel(config: SlackConfig, channelDeps: ChannelDeps): SlackChannel {
  const deps: SlackDeps = { ...channelDeps, languages: new UserLanguages() };
  const logger = boltLogger(deps.log);
  const clientOptions = { slackApiUrl: config.apiUrl };
  let app: App;
  let router: Router | undefined;
  if (config.mode === 'http') {
    router = express.Router();
    router.post(
      '/slack/events',
      ...slackRequestGuard({
        signingSecret: config.signingSecret,
        bodyLimit: BODY_LIMIT,
        log: deps.log,
      }),
    );
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret,
      endpoints: '/slack/events',
      router,
      bodyLimit: BODY_LIMIT,
      logger,
    });
    app = new App({ token: config.botToken, receiver, clientOptions, logger });
  } else {
    app = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      clientOptions,
      logger,
    });
  }

  // A retried event (X-Slack-Retry-Num) carries the same event_id: answer it once.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await deps.seen.firstTime(`slack:event:${eventId}`))) return;
    await next();
  });
  registerMessages(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  registerHome(app, deps);
  registerMembership(app, deps);
  app.error(async (error) => {
    deps.log(`slack: ${error.message}`);
  });

  return {
    ...(router ? { router } : {}),
    start: async () => {
      if (config.mode === 'socket') await app.start();
    },
    stop: async () => {
      if (config.mode === 'socket') await app.stop();
    },
  };
}

/** Bolt's logger interface onto Sofo's log; Bolt's debug and info chatter stays out. */
function boltLogger(log: (line: string) => void): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log(`slack: ${msg.map(String).join(' ')}`),
    error: (...msg: unknown[]) => log(`slack: ${msg.map(String).join(' ')}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

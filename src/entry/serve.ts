import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminAuth } from '../admin/auth';
import { adminRoutes } from '../admin/routes';
import { channelDeps } from '../channels/shared/channel-deps';
import { createSlackChannel, type SlackChannel } from '../channels/slack/app';
import { createTeamsChannel, TEAMS_PATH } from '../channels/teams/channel';
import { webRoutes } from '../channels/web/routes';
import type { Config } from '../config/config';
import type { Engine } from '../core/engine';
import { Inbox } from '../inbox/inbox';
import { createApp, listen } from '../server/http';
import { openStore } from '../storage/open';
import { type Pseudonymize, pseudonymizer } from '../storage/pseudonym';
import { startRetention } from '../storage/retention';
import type { Store } from '../storage/store';
import type { TipSender } from '../tips/model';
import { TipScheduler } from '../tips/scheduler';
import { leaseFor, TipSchedule } from '../tips/slots';
import { loadEngine } from './load-engine';
import { slackTipSender, subscribeConfigured, tipRunner } from './tips-wiring';

export interface RunOptions {
  log?: (line: string) => void;
  now?: () => Date;
  host?: string;
  /** Tests pass a store (with a random pseudonym key unless given); otherwise openStore(config). */
  store?: Store;
  pseudonymize?: Pseudonymize;
}

export interface Running {
  server: Server;
  url: string;
  /** The tip schedule: `reconcile()` delivers the latest slot to whoever is still owed it. */
  tips: TipScheduler;
  stop(): Promise<void>;
}

/** Loads the knowledge (or refuses to start), opens the store, wires the channels, listens. */
export async function startServer(config: Config, options: RunOptions = {}): Promise<Running> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let engine = loadEngine(config);
  const live = () => engine;
  const opened = options.store
    ? {
        store: options.store,
        pseudonymize: options.pseudonymize ?? pseudonymizer(randomBytes(32).toString('hex')),
        where: 'the given store',
      }
    : await openStore(config, log);
  const { store, pseudonymize } = opened;
  const now = options.now ?? (() => new Date());
  const channels = channelDeps({ engine: live, store, log, now, pseudonymize });
  const admin = adminRoutes({
    auth: new AdminAuth(config.admin.token, now),
    inbox: new Inbox({
      store,
      engine: live,
      // An editor's change from /admin is live at once: the knowledge base is loaded again and swapped.
      reload: async () => {
        engine = loadEngine(config);
      },
      root: config.root,
      draftsDir: config.admin.draftsDir,
      log,
      now,
    }),
    engine: live,
    store,
    log,
    now,
  });
  log(
    config.admin.token
      ? 'Admin: /admin (SOFO_ADMIN_TOKEN)'
      : 'Admin: /admin bara på den här datorn / on this computer only (set SOFO_ADMIN_TOKEN to open it to others)',
  );
  const deps = { engine, store, log, now };
  log(`Data: ${opened.where}, votes kept ${config.storage.retentionDays} days`);

  let slack: SlackChannel | undefined;
  if (config.slack) {
    slack = createSlackChannel(config.slack, channels.forChannel('slack'));
    log(
      `Slack: ${config.slack.mode === 'http' ? 'POST /slack/events' : 'Socket Mode'} (${config.slack.apiUrl})`,
    );
  } else {
    log('Slack: inte konfigurerad / not configured (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to enable)');
  }
  const teams = createTeamsChannel(config.teams, channels.forChannel('teams'));
  log(
    config.teams.appId
      ? `Teams: POST ${TEAMS_PATH} (${config.teams.appType}, app ${config.teams.appId})`
      : `Teams: POST ${TEAMS_PATH} UTAN AUTENTISERING / WITHOUT AUTHENTICATION: MicrosoftAppId is not set, so only a local Bot Framework Emulator can use it. Set MicrosoftAppId and MicrosoftAppPassword for Teams.`,
  );
  const app = createApp({
    engine,
    log,
    routers: [
      ...(slack?.router ? [slack.router] : []),
      teams.router,
      webRoutes(channels.forChannel('web')),
      admin,
    ],
  });
  // A database pool left open would keep a process that failed to start from exiting.
  const server = await listen(app, config.port, options.host).catch(async (error: unknown) => {
    if (!options.store) await store.close();
    throw error;
  });
  const retention = startRetention(store, config.storage.retentionDays, now, log);
  await slack?.start();
  const scheduler = await startTips(config, deps, [...slackTipSender(config), teams.tipSender]);
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host ?? 'localhost'}:${port}`,
    tips: scheduler,
    stop: async () => {
      scheduler.stop();
      retention.stop();
      await slack?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await channels.recorder.flush();
      // A store the caller passed in is the caller's to close.
      if (!options.store) await store.close();
    },
  };
}

/** Subscribes the configured channels and starts the tip schedule (which first catches up a missed slot). */
async function startTips(
  config: Config,
  deps: { engine: Engine; store: Store; log: (line: string) => void; now: () => Date },
  senders: TipSender[],
): Promise<TipScheduler> {
  await subscribeConfigured(config, deps.store, deps.engine, deps.now());
  const schedule = new TipSchedule(config.tips.cron, config.tips.timezone);
  // A claim lasts less than the gap between slots, so a crash is repaired by the next slot's run; no
  // wait within a run outlasts its claim.
  const leaseMs = leaseFor(schedule.periodMs(deps.now()));
  const scheduler = new TipScheduler({
    schedule,
    runner: tipRunner(deps.engine, deps.store, senders, deps.log, deps.now, {
      leaseMs,
      maxRetryAfterMs: leaseMs / 2,
    }),
    now: deps.now,
    log: deps.log,
  });
  await scheduler.start();
  deps.log(`Tips: "${config.tips.cron}" (${config.tips.timezone}), ${deps.engine.kb.tips.length} tips`);
  return scheduler;
}

/** `sofo serve` / `npm start`: start, say where, and run until stopped. */
export async function serve(config: Config): Promise<number> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const running = await startServer(config, { log });
  log(`Sofo lyssnar på / listens on ${running.url} (webbchatt / web chat: ${running.url}/)`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

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
import { KnowledgeError } from '../core/knowledge/problems';
import { Inbox } from '../inbox/inbox';
import { LiveKnowledge } from '../live/live-knowledge';
import { type Watching, watchKnowledge } from '../live/watch';
import { createApp, listen } from '../server/http';
import { openStore } from '../storage/open';
import { PendingWrites, storeHealth, withPendingVotes } from '../storage/pending-writes';
import { type Pseudonymize, pseudonymizer } from '../storage/pseudonym';
import { startRetention } from '../storage/retention';
import type { Store } from '../storage/store';
import type { TipSender } from '../tips/model';
import { TipScheduler } from '../tips/scheduler';
import { leaseFor, TipSchedule } from '../tips/slots';
import { engineFor, knowledgePaths } from './load-engine';
import { slackTipSender, subscribeConfigured, tipRunner } from './tips-wiring';

export interface RunOptions {
  log?: (line: string) => void;
  now?: () => Date;
  host?: string;
  /** Tests pass a store (with a random pseudonym key unless given); otherwise openStore(config). */
  store?: Store;
  pseudonymize?: Pseudonymize;
  /** Watch knowledge/ and intents/ and reload on a change (default true). */
  watch?: boolean;
}

export interface Running {
  server: Server;
  url: string;
  /** The tip schedule: `reconcile()` delivers the latest slot to whoever is still owed it. */
  tips: TipScheduler;
  /** The live knowledge: its engine, version and the problems of a refused change (for the admin page). */
  knowledge: LiveKnowledge;
  stop(): Promise<void>;
}

/**
 * Loads the knowledge (or refuses to start: there is no last good one yet), opens the store, wires the
 * channels, listens, and from then on keeps the knowledge live as editors change the files.
 */
export async function startServer(config: Config, options: RunOptions = {}): Promise<Running> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const knowledge = new LiveKnowledge({ paths: knowledgePaths(config), build: engineFor, now, log });
  // Channels read the engine through the holder on every question, so a reload reaches all at once.
  const live = () => knowledge.engine;
  const opened = options.store
    ? {
        store: options.store,
        pseudonymize: options.pseudonymize ?? pseudonymizer(randomBytes(32).toString('hex')),
        where: 'the given store',
      }
    : await openStore(config, log);
  const { store, pseudonymize } = opened;
  // Votes survive a store that is briefly away (kept and written again); the rest goes straight through.
  const pending = new PendingWrites(store, log);
  const channels = channelDeps({
    engine: live,
    store: withPendingVotes(store, pending),
    log,
    now,
    pseudonymize,
  });
  const admin = adminRoutes({
    auth: new AdminAuth(config.admin.token, now),
    inbox: new Inbox({
      store,
      engine: live,
      // An editor's change from /admin is live at once (the watcher would take it too, a moment later);
      // a change that does not load is refused with its problems, and the inbox undoes it.
      reload: async () => {
        const outcome = knowledge.reload();
        if (!outcome.ok) throw new KnowledgeError(outcome.problems);
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
    knowledge,
  });
  log(
    config.admin.token
      ? 'Admin: /admin (SOFO_ADMIN_TOKEN)'
      : 'Admin: /admin bara på den här datorn / on this computer only (set SOFO_ADMIN_TOKEN to open it to others)',
  );
  const deps = { engine: live, store, log, now };
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
    knowledge,
    log,
    health: () => storeHealth(store, pending),
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
  let scheduler: TipScheduler | undefined;
  let watching: Watching | undefined;
  const stop = async () => {
    scheduler?.stop();
    retention.stop();
    pending.stop();
    await watching?.close();
    await slack?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await channels.recorder.flush();
    // A store the caller passed in is the caller's to close.
    if (!options.store) await store.close();
  };
  try {
    await slack?.start();
    scheduler = await startTips(config, deps, [...slackTipSender(config), teams.tipSender]);
    if (options.watch ?? true) {
      watching = watchKnowledge(knowledge, { log });
      await watching.ready;
    }
  } catch (error) {
    // Nothing may stay open when start-up fails half-way: the caller gets the error, not a hung process.
    await stop().catch(() => undefined);
    throw error;
  }
  const { hash, entries } = knowledge.version;
  log(
    `Kunskapsbas / knowledge: version ${hash}, ${entries} poster/entries${watching ? '; ändringar blir live direkt / changes go live at once' : ''}`,
  );
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host ?? 'localhost'}:${port}`,
    tips: scheduler,
    knowledge,
    stop,
  };
}

/** Subscribes the configured channels and starts the tip schedule (which first catches up a missed slot). */
async function startTips(
  config: Config,
  deps: { engine: () => Engine; store: Store; log: (line: string) => void; now: () => Date },
  senders: TipSender[],
): Promise<TipScheduler> {
  await subscribeConfigured(config, deps.store, deps.engine(), deps.now());
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
  deps.log(`Tips: "${config.tips.cron}" (${config.tips.timezone}), ${deps.engine().kb.tips.length} tips`);
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

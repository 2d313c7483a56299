import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminAuth } from '../admin/auth';
import { adminRoutes } from '../admin/routes';
import { channelDeps } from '../channels/shared/channel-deps';
import { createSlackChannel, type SlackChannel } from '../channels/slack/app';
import { createTeamsChannel, TEAMS_PATH } from '../channels/teams/channel';
import { webRoutes } from '../channels/web/routes';
import { type Config, isLoopbackHost } from '../config/config';
import type { Engine } from '../core/engine';
import { KnowledgeError } from '../core/knowledge/problems';
import { Inbox } from '../inbox/inbox';
import { LiveKnowledge } from '../live/live-knowledge';
import { type Watching, watchKnowledge } from '../live/watch';
import { createApp, listen, type ServerLimits } from '../server/http';
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
  /** Overrides config.edge.host (tests: 127.0.0.1). */
  host?: string;
  /** Tests pass a store (with a random pseudonym key unless given); otherwise openStore(config). */
  store?: Store;
  pseudonymize?: Pseudonymize;
  /** Watch knowledge/ and intents/ and reload on a change (default true). */
  watch?: boolean;
  /** Tests and benches shorten the timeouts; otherwise SERVER_LIMITS and SOFO_MAX_CONNECTIONS. */
  limits?: Partial<ServerLimits>;
  /** Tests and benches: where botbuilder fetches Microsoft's signing keys (a local double). */
  teamsOpenIdMetadataUrl?: string;
}

export interface Running {
  server: Server;
  /** An address this machine can connect to (127.0.0.1 when Sofo listens on every interface). */
  url: string;
  /** Where the server really listens, as `host:port` (e.g. 0.0.0.0:3978). */
  address: string;
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
  const host = options.host ?? config.edge.host;
  const teams = teamsEndpoint(config, host, channels.forChannel('teams'), options, log);
  const app = createApp({
    knowledge,
    log,
    health: () => storeHealth(store, pending),
    routers: [
      ...(slack?.router ? [slack.router] : []),
      ...(teams ? [teams.router] : []),
      webRoutes(channels.forChannel('web')),
      admin,
    ],
    rates: config.edge.rates,
    trustProxy: config.edge.trustProxy,
  });
  // A database pool left open would keep a process that failed to start from exiting.
  const server = await listen(app, config.port, host, {
    maxConnections: config.edge.maxConnections,
    ...options.limits,
    log,
  }).catch(async (error: unknown) => {
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
    scheduler = await startTips(config, deps, [
      ...slackTipSender(config),
      ...(teams ? [teams.tipSender] : []),
    ]);
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
  const bound = server.address() as AddressInfo;
  return {
    server,
    url: `http://${connectable(bound)}:${bound.port}`,
    address: `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`,
    tips: scheduler,
    knowledge,
    stop,
  };
}

/**
 * How Teams' endpoint is served. With an app id every request is authenticated. Without one (the
 * Emulator mode) nothing is, so it is served only when Sofo listens on loopback; readConfig already
 * refused SOFO_EMULATOR_URL with any other HOST, and without it a Slack-only or web-only Sofo in a
 * container simply has no Teams endpoint.
 */
export function teamsMode(config: Config, host: string): 'authenticated' | 'emulator' | 'off' {
  if (config.teams.appId) return 'authenticated';
  return isLoopbackHost(host) ? 'emulator' : 'off';
}

function teamsEndpoint(
  config: Config,
  host: string,
  deps: Parameters<typeof createTeamsChannel>[1],
  options: RunOptions,
  log: (line: string) => void,
): ReturnType<typeof createTeamsChannel> | undefined {
  const mode = teamsMode(config, host);
  if (mode === 'authenticated') {
    log(`Teams: POST ${TEAMS_PATH} (${config.teams.appType}, app ${config.teams.appId})`);
  } else {
    log(
      `Teams: inte konfigurerad / not configured (set MicrosoftAppId and MicrosoftAppPassword); ${
        mode === 'off'
          ? `${TEAMS_PATH} is off, since without them it is served only on loopback`
          : `${TEAMS_PATH} answers only the Bot Framework Emulator on this machine`
      }`,
    );
    if (mode === 'off') return undefined;
  }
  return createTeamsChannel(config.teams, deps, {
    ...(config.edge.emulatorUrl ? { emulatorUrl: config.edge.emulatorUrl } : {}),
    ...(options.teamsOpenIdMetadataUrl ? { openIdMetadataUrl: options.teamsOpenIdMetadataUrl } : {}),
  });
}

/** 0.0.0.0 and :: are not addresses to connect to; this machine reaches itself on loopback. */
function connectable(bound: AddressInfo): string {
  if (bound.address === '0.0.0.0') return '127.0.0.1';
  if (bound.address === '::') return '[::1]';
  return bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
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
  log(`Sofo lyssnar på / listens on ${running.address} (webbchatt / web chat: ${running.url}/)`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

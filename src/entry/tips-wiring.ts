import { SlackTipSender } from '../channels/slack/tips';
import type { Config } from '../config/config';
import type { Engine } from '../core/engine';
import type { Store } from '../storage/store';
import type { TipSender } from '../tips/model';
import { type RunnerOptions, TipRunner } from '../tips/runner';

/** The tip runner over the configured platforms (the server and `sofo tips send` build it the same way). */
export function tipRunner(
  engine: () => Engine,
  store: Store,
  senders: TipSender[],
  log: (line: string) => void,
  now: () => Date = () => new Date(),
  options: RunnerOptions = {},
): TipRunner {
  return new TipRunner(
    {
      store,
      senders,
      // Read at each run: a reloaded knowledge base brings its own tips.
      get tips() {
        return engine().kb.tips;
      },
      message: (tip, lang) => engine().tipMessage(tip, lang),
      now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      log,
    },
    options,
  );
}

export function slackTipSender(config: Config): TipSender[] {
  return config.slack ? [new SlackTipSender(config.slack.botToken, config.slack.apiUrl)] : [];
}

/** Channels named in SOFO_TIPS_CHANNELS are subscribed at start-up (from then on; none is owed a past slot). */
export async function subscribeConfigured(
  config: Config,
  store: Store,
  engine: Engine,
  now: Date,
): Promise<void> {
  for (const { platform, target } of config.tips.channels) {
    await store.subscribe(
      {
        id: `${platform}:${target}`,
        platform,
        target,
        lang: 'sv',
        since: now.toISOString(),
        source: 'config',
      },
      engine.kb.tips.length,
    );
  }
}

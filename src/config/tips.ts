import { checkSchedule } from '../tips/slots';
import { ConfigError } from './errors';

/** A channel that gets tips because the configuration says so, not because someone typed `tips på`. */
export interface StaticTipTarget {
  platform: 'slack' | 'teams';
  target: string;
}

export interface TipsConfig {
  /** SOFO_TIPS_CRON: when tips go out (default every Monday 09:00). */
  cron: string;
  /** SOFO_TIPS_TZ: the time zone the cron expression is read in. */
  timezone: string;
  /** SOFO_TIPS_CHANNELS: "slack:C0123ABC,teams:19:abc@thread.tacv2", comma-separated. */
  channels: StaticTipTarget[];
}

export function readTips(env: NodeJS.ProcessEnv): TipsConfig {
  const cron = env.SOFO_TIPS_CRON?.trim() || '0 9 * * 1';
  const timezone = env.SOFO_TIPS_TZ?.trim() || 'Europe/Stockholm';
  const problem = checkSchedule(cron, timezone);
  if (problem) {
    const variable = problem.includes('timezone') ? 'SOFO_TIPS_TZ' : 'SOFO_TIPS_CRON';
    throw new ConfigError(
      variable,
      `"${variable === 'SOFO_TIPS_TZ' ? timezone : cron}" cannot be used: ${problem.split('. ')[0]}`,
    );
  }
  const channels = (env.SOFO_TIPS_CHANNELS ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const match = /^(slack|teams):(.+)$/.exec(item);
      if (!match?.[1] || !match[2]) {
        throw new ConfigError(
          'SOFO_TIPS_CHANNELS',
          `"${item}" must be slack:<channel id> or teams:<conversation id>`,
        );
      }
      return { platform: match[1] as StaticTipTarget['platform'], target: match[2] };
    });
  return { cron, timezone, channels };
}

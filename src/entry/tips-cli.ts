import { parseArgs } from 'node:util';
import { type Config, readConfig } from '../config/config';
import { LANGS, type Lang } from '../core/lang';
import { withStore } from '../storage/open';
import type { Store } from '../storage/store';
import type { TipSender } from '../tips/model';
import { nextTip } from '../tips/rotation';
import { loadEngine } from './load-engine';
import { slackTipSender, tipRunner } from './tips-wiring';
import { UsageError } from './usage-error';

const USAGE =
  'sofo tips list | preview [--lang sv|en] [--id <tip>] | send --now [--to <subscriber>] | subscribers';

/** `sofo tips …`: look at the tips, and (with a data file) their subscribers and deliveries. */
export async function tipsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      lang: { type: 'string' },
      id: { type: 'string' },
      now: { type: 'boolean' },
      to: { type: 'string' },
    },
  });
  const config = readConfig();
  const engine = loadEngine(config);
  const { tips } = engine.kb;
  switch (sub) {
    case 'list':
      for (const tip of tips) process.stdout.write(`${tip.id}\t${tip.entryId}\t${tip.text.sv}\n`);
      return 0;
    case 'preview': {
      const lang = language(values.lang);
      const tip = values.id ? tips.find((t) => t.id === values.id) : tips[0];
      if (!tip) throw new UsageError(`no tip with id "${values.id}" (see sofo tips list)`);
      const message = engine.tipMessage(tip, lang);
      process.stdout.write(
        `💡 ${message.title}\n\n${message.text}\n\n→ ${message.readMore.title} (${message.readMore.id})\n`,
      );
      return 0;
    }
    case 'subscribers': {
      const subscriptions = await withStore(config, ({ store }) => store.listSubscriptions());
      for (const s of subscriptions) {
        const next = nextTip(tips, s)?.id ?? '-';
        process.stdout.write(`${s.id}\t${s.lang}\tsince ${s.since}\t${s.source}\tnext ${next}\n`);
      }
      return 0;
    }
    case 'send': {
      if (!values.now)
        throw new UsageError('sofo tips send needs --now (tips otherwise go out on the schedule)');
      return withStore(config, async ({ store }) => {
        const subscriptions = await store.listSubscriptions();
        if (values.to && !subscriptions.some((s) => s.id === values.to)) {
          throw new UsageError(`no subscriber "${values.to}" (see sofo tips subscribers)`);
        }
        const log = (line: string) => process.stderr.write(`${line}\n`);
        const senders = [...slackTipSender(config), ...(await teamsTipSender(config, store, log))];
        // A slot of its own: a tip sent now is an extra one, never the scheduled slot's.
        const slot = `manual:${new Date().toISOString()}`;
        const report = await tipRunner(() => engine, store, senders, log).runSlot(
          slot,
          (s) => !values.to || s.id === values.to,
        );
        process.stdout.write(
          `sent ${report.sent.length}, ended ${report.ended.length}, failed ${report.failed.length}${report.failed.length ? ` (${report.failed.join(', ')})` : ''}\n`,
        );
        return report.failed.length > 0 ? 1 : 0;
      });
    }
    default:
      throw new UsageError(USAGE);
  }
}

/** Teams posts go through botbuilder's adapter: loaded only when tips are sent from the CLI. */
async function teamsTipSender(
  config: Config,
  store: Store,
  log: (line: string) => void,
): Promise<TipSender[]> {
  const [{ createAdapter }, { TeamsTipSender }] = await Promise.all([
    import('../channels/teams/adapter.js'),
    import('../channels/teams/tips.js'),
  ]);
  return [new TeamsTipSender(createAdapter(config.teams, log), config.teams.appId, store)];
}

function language(value: string | undefined): Lang {
  if (value === undefined) return 'sv';
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new UsageError(`--lang must be sv or en, got "${value}"`);
}

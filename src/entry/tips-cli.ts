import { parseArgs } from 'node:util';
import { readConfig } from '../config/config';
import { LANGS, type Lang } from '../core/lang';
import { loadEngine } from './load-engine';

export class TipsUsageError extends Error {}

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
  const engine = loadEngine(readConfig());
  const { tips } = engine.kb;
  switch (sub) {
    case 'list':
      for (const tip of tips) process.stdout.write(`${tip.id}\t${tip.entryId}\t${tip.text.sv}\n`);
      return 0;
    case 'preview': {
      const lang = language(values.lang);
      const tip = values.id ? tips.find((t) => t.id === values.id) : tips[0];
      if (!tip) throw new TipsUsageError(`no tip with id "${values.id}" (see sofo tips list)`);
      const message = engine.tipMessage(tip, lang);
      process.stdout.write(
        `💡 ${message.title}\n\n${message.text}\n\n→ ${message.readMore.title} (${message.readMore.id})\n`,
      );
      return 0;
    }
    default:
      throw new TipsUsageError(USAGE);
  }
}

function language(value: string | undefined): Lang {
  if (value === undefined) return 'sv';
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new TipsUsageError(`--lang must be sv or en, got "${value}"`);
}

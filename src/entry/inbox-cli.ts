import { parseArgs } from 'node:util';
import { type Config, readConfig } from '../config/config';
import { InboxError } from '../inbox/errors';
import type { InboxGroup } from '../inbox/grouping';
import { Inbox } from '../inbox/inbox';
import { publicGroup } from '../inbox/public';
import { openStore } from '../storage/open';
import type { Store } from '../storage/store';
import { loadEngine } from './load-engine';
import { UsageError } from './usage-error';

const USAGE =
  'sofo inbox [--json] | inbox add <grupp-id> <post-id> | inbox ignore <grupp-id> | inbox draft <grupp-id>';

const OUTCOME = { fallback: 'inget svar / no answer', clarify: 'motfråga / clarify', down: '👎' } as const;

/** `sofo inbox …`: the editors' inbox on the data file the server writes. */
export async function inboxCommand(args: string[], config: Config = readConfig()): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const [sub, groupId, entryId] = positionals;
  // The configured store (the data file, or PostgreSQL), closed when the command is done.
  const { store } = await openStore(config, (line) => process.stderr.write(`${line}\n`));
  const inbox = openInbox(config, store);
  try {
    switch (sub) {
      case undefined:
      case 'list': {
        const groups = await inbox.groups();
        process.stdout.write(values.json ? `${JSON.stringify(groups.map(publicGroup))}\n` : listing(groups));
        return 0;
      }
      case 'add': {
        if (!groupId || !entryId) throw new UsageError(`sofo inbox add <grupp-id> <post-id>`);
        const done = await inbox.add(groupId, entryId);
        const added = [...done.added.sv, ...done.added.en];
        process.stdout.write(
          `${done.file}: ${added.length} fråga/frågor tillagda / question(s) added${added.map((q) => `\n  + ${q}`).join('')}\n`,
        );
        return 0;
      }
      case 'ignore': {
        if (!groupId) throw new UsageError('sofo inbox ignore <grupp-id>');
        const done = await inbox.ignore(groupId);
        process.stdout.write(`${done.ignored} fråga/frågor ignoreras / question(s) ignored\n`);
        return 0;
      }
      case 'draft': {
        if (!groupId) throw new UsageError('sofo inbox draft <grupp-id>');
        const done = await inbox.draft(groupId);
        process.stdout.write(`utkast / draft: ${done.file}\n`);
        return 0;
      }
      default:
        throw new UsageError(USAGE);
    }
  } catch (error) {
    if (!(error instanceof InboxError)) throw error;
    process.stderr.write(`sofo: ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** The CLI has no running engine to swap: a change is checked by loading the knowledge base again. */
function openInbox(config: Config, store: Store): Inbox {
  let engine = loadEngine(config);
  return new Inbox({
    store,
    engine: () => engine,
    reload: async () => {
      engine = loadEngine(config);
    },
    root: config.root,
    draftsDir: config.admin.draftsDir,
    log: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
  });
}

function listing(groups: readonly InboxGroup[]): string {
  if (groups.length === 0) return 'Inkorgen är tom / the inbox is empty\n';
  return groups
    .map((g) => {
      const best = g.candidates[0] ? ` → ${g.candidates[0].id} ${g.candidates[0].score.toFixed(2)}` : '';
      const examples = g.examples
        .slice(0, 3)
        .map((e) => `  "${e}"`)
        .join('\n');
      return `${g.id}  ${g.count}×  ${OUTCOME[g.outcome]}  ${g.lang}${best}\n${examples}\n`;
    })
    .join('\n');
}

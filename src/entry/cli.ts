import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { renderExplanation } from '../channels/cli/render-explain';
import { renderText } from '../channels/cli/render-text';
import { ConfigError, readConfig } from '../config/config';
import { exportEntries } from '../core/knowledge/export';
import { KnowledgeError } from '../core/knowledge/problems';
import { LANGS, type Lang } from '../core/lang';
import { StoreError } from '../storage/errors';
import { kbCheck } from './kb-check';
import { loadEngine } from './load-engine';
import { UsageError } from './usage-error';

const USAGE = `Sofo – frågor och svar om att köpa av sociala företag / questions and answers on buying from social enterprises

Användning / usage:
  sofo chat                      chatta i terminalen / chat in the terminal
  sofo ask "fråga"               ett svar / one answer   [--json] [--lang sv|en] [--explain]
  sofo ask --jsonl               en fråga per rad på stdin, ett JSON-svar per rad / one question per line
  sofo contacts <sökord>         sök kontaktperson / find a contact person   [--json]
  sofo kb check [--lang en]      kontrollera kunskapsbasen / check the knowledge base
  sofo kb export --json          alla poster som JSON / every entry as JSON
  sofo tips list | preview [--lang en] | subscribers | send --now [--to <id>]
                                 veckans tips / the weekly tips
  sofo data purge [--older-than 30d] | forget --slack-user <id> | --teams-user <aad-id> | export --json
                                 lagrade data / stored data: radera, glöm en person, exportera
  sofo inbox [--json]            frågor Sofo inte kunde svara på / what Sofo failed on
  sofo inbox add <grupp> <post>  lägg till frågorna i en post / add the questions to an entry
  sofo inbox ignore <grupp>      ignorera gruppen / ignore the group   (inbox draft <grupp>: utkast / draft)
  sofo serve                     starta webbchatten och API:t / start the web chat and API (PORT, default 3978)
`;

/** Exit codes: 0 fine, 1 the knowledge base or configuration is broken, 2 the command was used wrongly. */
export async function main(argv: string[]): Promise<void> {
  // `sofo tips list | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'ask':
      return ask(rest);
    case 'contacts':
      return contacts(rest);
    case 'chat':
      return chat();
    case 'kb':
      return kb(rest);
    case 'tips': {
      // Loaded only here: sending tips needs the Slack and Teams clients, which `ask` does not.
      const { tipsCommand } = await import('./tips-cli.js');
      return tipsCommand(rest);
    }
    case 'data': {
      const { dataCommand } = await import('./data-cli.js');
      return dataCommand(rest);
    }
    case 'inbox': {
      const { inboxCommand } = await import('./inbox-cli.js');
      return inboxCommand(rest);
    }
    case 'serve': {
      // Loaded only here: the HTTP stack is not needed by the other commands and slows their start.
      const { serve } = await import('./serve.js');
      return serve(readConfig());
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`sofo: okänt kommando / unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function ask(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      jsonl: { type: 'boolean' },
      lang: { type: 'string' },
      explain: { type: 'boolean' },
    },
  });
  const options = languageOption(values.lang);
  const engine = loadEngine(readConfig());
  if (values.jsonl) {
    // One JSON object per input line, in order, even for an empty line; nothing else on stdout.
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) process.stdout.write(`${JSON.stringify(engine.ask(line, options))}\n`);
    return 0;
  }
  const question = positionals.join(' ');
  if (values.explain) {
    // The reply as always, plus why: `explain` in the JSON, a block under the text.
    const { reply, explanation } = engine.explain(question, options);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ ...reply, explain: explanation })}\n`
        : `${renderText(reply)}\n\n${renderExplanation(explanation)}\n`,
    );
    return 0;
  }
  const reply = engine.ask(question, options);
  process.stdout.write(values.json ? `${JSON.stringify(reply)}\n` : `${renderText(reply)}\n`);
  return 0;
}

async function contacts(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  const engine = loadEngine(readConfig());
  const reply = engine.lookupContacts(positionals.join(' '), languageOption(values.lang));
  process.stdout.write(values.json ? `${JSON.stringify(reply)}\n` : `${renderText(reply)}\n`);
  return 0;
}

async function chat(): Promise<number> {
  const engine = loadEngine(readConfig());
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'du> ' });
  process.stdout.write('Sofo: Hej! Fråga mig om att köpa av sociala företag. (Ctrl-D avslutar / ends)\n');
  rl.prompt();
  for await (const line of rl) {
    process.stdout.write(`\n${renderText(engine.ask(line))}\n\n`);
    rl.prompt();
  }
  return 0;
}

async function kb(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const config = readConfig();
  if (sub === 'check') return kbCheck(config, rest);
  if (sub === 'export') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    if (!values.json) throw new UsageError('sofo kb export needs --json');
    process.stdout.write(`${JSON.stringify(exportEntries(loadEngine(config).kb), null, 2)}\n`);
    return 0;
  }
  throw new UsageError('sofo kb check [--lang en] | sofo kb export --json');
}

function languageOption(value: string | undefined): { lang?: Lang } {
  if (value === undefined) return {};
  if ((LANGS as readonly string[]).includes(value)) return { lang: value as Lang };
  throw new UsageError(`--lang must be sv or en, got "${value}"`);
}

function reportFailure(error: unknown): number {
  if (error instanceof KnowledgeError) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (error instanceof StoreError) {
    process.stderr.write(`sofo: data store: ${error.message}\n`);
    return 1;
  }
  if ((error as { code?: string })?.code === 'EADDRINUSE') {
    process.stderr.write(
      `sofo: the port is already in use; stop the other program or set PORT to another port\n`,
    );
    return 1;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`sofo: configuration: ${error.message}\n`);
    return 1;
  }
  if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`sofo: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  process.stderr.write(`sofo: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
  if (process.env.SOFO_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  return 1;
}

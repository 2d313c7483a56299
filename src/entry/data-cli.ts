import { parseArgs } from 'node:util';
import { type Config, readConfig } from '../config/config';
import { withStore } from '../storage/open';
import { retentionCutoff } from '../storage/retention';
import { UsageError } from './usage-error';

const USAGE =
  'sofo data purge [--older-than 30d] | data forget --slack-user <id> | --teams-user <aad-object-id> | data export --json [--slack-user <id> | --teams-user <id>]';

/**
 * `sofo data …`: what a data-protection officer needs without a developer. Purge what is older than a
 * period, erase one person's votes (their pseudonym is computed here from the id they give, with the
 * same key as the server), and export what is stored, all of it or one person's.
 */
export async function dataCommand(args: string[], config: Config = readConfig()): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'older-than': { type: 'string' },
      'slack-user': { type: 'string' },
      'teams-user': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [sub] = positionals;
  const person = personOf(values['slack-user'], values['teams-user']);
  switch (sub) {
    case 'purge': {
      const days = values['older-than'] ? parseDays(values['older-than']) : config.storage.retentionDays;
      const now = new Date();
      const report = await withStore(config, ({ store }) => store.purge(retentionCutoff(now, days), now));
      process.stdout.write(
        `raderat / deleted (äldre än / older than ${days} d): ${report.votes} röster / votes, ${report.inbox} inkorgsfrågor / inbox questions, ${report.deliveries} tipsleveranser / tip deliveries, ${report.events} händelse-id / event ids\n`,
      );
      return 0;
    }
    case 'forget': {
      if (!person)
        throw new UsageError('sofo data forget needs --slack-user <id> or --teams-user <aad-object-id>');
      const { votes, subscriptions } = await withStore(config, async ({ store, pseudonymize }) => ({
        votes: await store.forget(pseudonymize(person.platform, person.id)),
        // The only place a platform id is kept: on the tip subscriptions the person made.
        subscriptions: await store.forgetSubscriber(person.platform, person.id),
      }));
      process.stdout.write(
        `raderat / deleted: ${votes} röster / votes, ${subscriptions} tipsprenumeranter / tip subscribers (${person.platform} ${person.id})\n`,
      );
      return 0;
    }
    case 'export': {
      if (!values.json) throw new UsageError('sofo data export needs --json');
      const exported = await withStore(config, async ({ store, pseudonymize }) => {
        const all = await store.exportAll();
        if (!person) return all;
        // One person's data: their votes, and the tip subscriptions that name them.
        const user = pseudonymize(person.platform, person.id);
        return {
          votes: all.votes.filter((v) => v.user === user),
          subscriptions: all.subscriptions.filter(
            (s) => s.platform === person.platform && s.subscriber === person.id,
          ),
        };
      });
      process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

function personOf(
  slack: string | undefined,
  teams: string | undefined,
): { platform: 'slack' | 'teams'; id: string } | undefined {
  if (slack && teams) throw new UsageError('give --slack-user or --teams-user, not both');
  if (slack) return { platform: 'slack', id: slack.trim() };
  if (teams) return { platform: 'teams', id: teams.trim() };
  return undefined;
}

function parseDays(value: string): number {
  const match = /^(\d{1,4})d?$/.exec(value.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(days) || days < 0) {
    throw new UsageError(`--older-than must be a number of days such as 30d, got "${value}"`);
  }
  return days;
}

import type { Counter } from '../storage/counters';
import { isoWeek } from './week';

export interface WeekRow {
  week: string;
  questions: number;
  answered: number;
  clarified: number;
  refused: number;
  up: number;
  down: number;
}

export interface EntryRow {
  id: string;
  answered: number;
  clarified: number;
  up: number;
  down: number;
}

export interface Stats {
  weeks: WeekRow[];
  entries: EntryRow[];
  langs: { lang: string; questions: number }[];
  channels: { channel: string; questions: number }[];
}

const ANSWERED = new Set(['answer', 'contacts', 'list']);

/**
 * The dashboard from the counters: the last `weeks` ISO weeks up to `now` (weeks without questions as
 * zeros, so a chart shows the gap), and per entry, language and channel over those weeks. Small talk is
 * no question; a person found counts as answered.
 */
export function summarise(counters: readonly Counter[], now: Date, weeks: number): Stats {
  const labels: string[] = [];
  for (let i = weeks - 1; i >= 0; i -= 1) labels.push(isoWeek(new Date(now.getTime() - i * 7 * 86_400_000)));
  const rows = new Map(labels.map((week) => [week, zeroWeek(week)]));
  const entries = new Map<string, EntryRow>();
  const langs = new Map<string, number>();
  const channels = new Map<string, number>();
  for (const c of counters) {
    const row = rows.get(c.week);
    if (!row) continue;
    const isQuestion = ANSWERED.has(c.event) || c.event === 'clarify' || c.event === 'fallback';
    if (isQuestion) {
      row.questions += c.count;
      langs.set(c.lang, (langs.get(c.lang) ?? 0) + c.count);
      channels.set(c.channel, (channels.get(c.channel) ?? 0) + c.count);
    }
    if (ANSWERED.has(c.event)) row.answered += c.count;
    if (c.event === 'clarify') row.clarified += c.count;
    if (c.event === 'fallback') row.refused += c.count;
    if (c.event === 'up') row.up += c.count;
    if (c.event === 'down') row.down += c.count;
    if (c.event === 'fallback' || c.event === 'smalltalk') continue;
    const entry = entries.get(c.entryId) ?? { id: c.entryId, answered: 0, clarified: 0, up: 0, down: 0 };
    if (ANSWERED.has(c.event)) entry.answered += c.count;
    if (c.event === 'clarify') entry.clarified += c.count;
    if (c.event === 'up') entry.up += c.count;
    if (c.event === 'down') entry.down += c.count;
    entries.set(c.entryId, entry);
  }
  return {
    weeks: [...rows.values()],
    entries: [...entries.values()].sort((a, b) => b.answered + b.clarified - (a.answered + a.clarified)),
    langs: [...langs.entries()].map(([lang, questions]) => ({ lang, questions })),
    channels: [...channels.entries()].map(([channel, questions]) => ({ channel, questions })),
  };
}

function zeroWeek(week: string): WeekRow {
  return { week, questions: 0, answered: 0, clarified: 0, refused: 0, up: 0, down: 0 };
}

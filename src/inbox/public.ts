import type { InboxGroup } from './grouping';

/** A group as `sofo inbox --json` and GET /admin/api/inbox show it. */
export function publicGroup(group: InboxGroup) {
  const { id, count, outcome, lang, examples, candidates, last } = group;
  return { id, count, outcome, lang, examples: examples.slice(0, 10), candidates, last };
}

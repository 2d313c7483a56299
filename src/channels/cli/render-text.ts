import type { Reply } from '../../core/reply/model';

const LABELS = {
  sv: { links: 'Länkar', contacts: 'Kontakt', choices: 'Välj', related: 'Se också' },
  en: { links: 'Links', contacts: 'Contact', choices: 'Choose', related: 'See also' },
} as const;

/** A reply as plain text for a terminal: title, text, choices, people, links, source. */
export function renderText(reply: Reply): string {
  const label = LABELS[reply.lang];
  const out: string[] = [];
  if (reply.title) out.push(reply.title.toUpperCase(), '');
  if (reply.text)
    out.push(reply.text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\*([^*\s][^*]*?)\*/g, '$1'), '');
  if (reply.kind === 'clarify' && reply.alternatives.length > 0) {
    out.push(`${label.choices}:`, ...reply.alternatives.map((a, i) => `  ${i + 1}. ${a.title}`), '');
  } else if (reply.kind !== 'list' && reply.alternatives.length > 0) {
    out.push(`${label.related}: ${reply.alternatives.map((a) => a.title).join(' · ')}`, '');
  }
  for (const c of reply.contacts) {
    const reach = [c.email, c.phone].filter(Boolean).join(', ');
    out.push(`${label.contacts}: ${c.name}, ${c.role}, ${c.organisation}${reach ? ` (${reach})` : ''}`);
  }
  if (reply.contacts.length > 0) out.push('');
  for (const l of reply.links) out.push(`${label.links}: ${l.title} <${l.url}>`);
  if (reply.links.length > 0) out.push('');
  if (reply.source) out.push(`${reply.source.title} <${reply.source.url}>`);
  return out.join('\n').trim();
}

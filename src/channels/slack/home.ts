import type { types } from '@slack/bolt';
import type { Lang } from '../../core/lang';
import type { Overview } from '../../core/reply/model';
import { telephoneUri } from '../shared/tel';
import { clip, escapeSlack, toMrkdwn } from './escape';
import { SURFACE } from './render';

const LABELS = {
  sv: {
    title: 'Sofo – köp av sociala företag',
    examples: '*Prova till exempel*',
    cases: '*Så har andra gjort*',
    contacts: '*Kontaktpersoner*',
  },
  en: {
    title: 'Sofo – buying from social enterprises',
    examples: '*Try for example*',
    cases: '*How others have done it*',
    contacts: '*Contact persons*',
  },
} as const;

/** The App Home tab: what Sofo is, how to ask, the case studies and the contact directory. */
export function homeView(overview: Overview, lang: Lang): types.HomeView {
  const label = LABELS[lang];
  const section = (text: string): types.KnownBlock => ({
    type: 'section',
    text: { type: 'mrkdwn', text: clip(text, 3000) },
  });
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: label.title } },
    section(toMrkdwn(overview.intro)),
    ...(overview.usage[SURFACE] ? [section(toMrkdwn(overview.usage[SURFACE]))] : []),
    section(`${label.examples}\n${overview.examples.map((q) => `• ${escapeSlack(q)}`).join('\n')}`),
    { type: 'divider' },
    section(`${label.cases}\n${overview.cases.map((c) => `• ${escapeSlack(c.title)}`).join('\n')}`),
    { type: 'divider' },
    section(label.contacts),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: sourceLine(overview.contactsSource) }],
    },
    ...overview.contacts
      .slice(0, 40)
      .map((c) =>
        section(
          [
            `*${escapeSlack(c.name)}*, ${escapeSlack(c.role)}, ${escapeSlack(c.organisation)}`,
            [
              c.email && `<mailto:${c.email}|${escapeSlack(c.email)}>`,
              c.phone && `<${telephoneUri(c.phone)}|${escapeSlack(c.phone)}>`,
            ]
              .filter(Boolean)
              .join(' · '),
          ]
            .filter(Boolean)
            .join('\n'),
        ),
      ),
  ];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

/** Where the contact details come from, linking the guide's page. */
function sourceLine(where: Overview['contactsSource']): string {
  return `<${where.url}|${escapeSlack(where.title)}>`;
}

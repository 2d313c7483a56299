import type { Lang } from '../../core/lang';
import type { Overview } from '../../core/reply/model';
import { type AdaptiveCard, actionSet, adaptiveCard, textBlock } from './card';
import { chooseData } from './card-data';
import { toCardTexts } from './markdown';
import { submit } from './render';

const LABELS = {
  sv: {
    title: 'Hej! Jag är Sofo',
    how: '**Så frågar du**',
    ways: [
      '- I en kanal eller gruppchatt: nämn @Sofo och skriv din fråga.',
      '- I en chatt med mig: skriv frågan direkt.',
      '- `kontakt <namn, organisation, ort eller ämne>` hittar rätt kontaktperson, och sökfältet under meddelanderutan gör det också.',
      '- `hjälp` visar det här igen.',
    ],
    examples: '**Prova till exempel**',
    cases: '**Så har andra gjort**',
  },
  en: {
    title: "Hi! I'm Sofo",
    how: '**How to ask**',
    ways: [
      '- In a channel or group chat: mention @Sofo and type your question.',
      '- In a chat with me: just type the question.',
      '- `kontakt <name, organisation, place or topic>` finds the right contact person; so does the search under the message box.',
      '- `help` shows this again.',
    ],
    examples: '**Try for example**',
    cases: '**How others have done it**',
  },
} as const;

/** The greeting when Sofo is added to a team or chat: what it is, how to ask, the case studies as buttons. */
export function welcomeCard(overview: Overview, lang: Lang): AdaptiveCard {
  const label = LABELS[lang];
  const texts = [
    ...toCardTexts(overview.intro),
    label.how,
    ...toCardTexts(label.ways.join('\n')),
    label.examples,
    ...toCardTexts(overview.examples.map((q) => `- ${q}`).join('\n')),
    label.cases,
  ];
  return adaptiveCard([
    textBlock(label.title, { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    ...texts.map((t) => textBlock(t)),
    actionSet(
      overview.cases.map((c) => submit(c.title, chooseData(c.id, lang, c.title))),
      'sofo-cases',
    ),
  ]);
}

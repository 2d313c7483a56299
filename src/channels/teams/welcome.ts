import type { Lang } from '../../core/lang';
import type { Overview } from '../../core/reply/model';
import { type AdaptiveCard, actionSet, adaptiveCard, textBlock } from './card';
import { chooseData } from './card-data';
import { toCardTexts } from './markdown';
import { SURFACE, submit } from './render';

const LABELS = {
  sv: {
    title: 'Hej! Jag är Sofo',
    examples: '**Prova till exempel**',
    cases: '**Så har andra gjort**',
  },
  en: {
    title: "Hi! I'm Sofo",
    examples: '**Try for example**',
    cases: '**How others have done it**',
  },
} as const;

/** The greeting when Sofo is added to a team or chat: what it is, how to ask, the case studies as buttons. */
export function welcomeCard(overview: Overview, lang: Lang): AdaptiveCard {
  const label = LABELS[lang];
  const texts = [
    ...toCardTexts(overview.intro),
    ...toCardTexts(overview.usage[SURFACE] ?? ''),
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

import type { Bilingual } from '../lang';

/**
 * The guide's own page, which every source line links to. It is the one deep link known to exist, and
 * the guide's "Läs mer", "Se filmen" and "Ladda ner boken (pdf)" are there (note the .eu domain).
 */
export const GUIDE_URL = 'https://orebroforetag.coompanion.eu/sa-handlar-du-av-sociala-foretag/';

/** The fixed sentences Sofo wraps around knowledge (the knowledge itself lives in knowledge/). */
export const PHRASES = {
  clarifyTitle: { sv: 'Menade du …?', en: 'Did you mean …?' },
  clarifyText: {
    sv: 'Jag är inte säker på vilket av de här du menar. Välj ett, eller ställ frågan lite annorlunda.',
    en: "I'm not sure which of these you mean. Pick one, or ask in a slightly different way.",
  },
  fallbackTitle: { sv: 'Det vet jag tyvärr inte', en: "Sorry, I don't know that" },
  maybeYouMeant: { sv: 'Närliggande ämnen jag kan svara på:', en: 'Related topics I can answer:' },
  contactsTitle: { sv: 'Kontaktpersoner', en: 'Contact persons' },
  contactsFound: { sv: 'Det här är de personer som passar bäst:', en: 'These are the people who fit best:' },
  noContactFound: {
    sv: 'Jag hittade ingen kontaktperson som matchar. Här är alla som guiden nämner:',
    en: 'I found no contact person matching that. Here is everyone the guide names:',
  },
  directoryText: {
    sv: 'Sök på namn, organisation, ort eller ämne. Här är alla kontaktpersoner i guiden:',
    en: 'Search by name, organisation, place or topic. Here is everyone the guide names:',
  },
  tipTitle: { sv: 'Veckans tips', en: 'Tip of the week' },
  readMore: { sv: 'Läs mer', en: 'Read more' },
  casesTitle: { sv: 'Så har andra gjort', en: 'How others have done it' },
  helpTitle: { sv: 'Det här kan Sofo', en: 'What Sofo can do' },
  greetingTitle: { sv: 'Hej!', en: 'Hi!' },
  thanksTitle: { sv: 'Varsågod!', en: "You're welcome!" },
  source: {
    sv: 'Källa: guiden ”Så handlar du av sociala företag” (Coompanion)',
    en: 'Source: the guide “Så handlar du av sociala företag” (Coompanion; Swedish original, translated by Sofo)',
  },
  contactsSource: {
    sv: 'Kontaktuppgifterna kommer från guiden ”Så handlar du av sociala företag” (Coompanion) och kan ha ändrats sedan den skrevs.',
    en: 'The contact details come from the guide “Så handlar du av sociala företag” (Coompanion) and may have changed since it was written.',
  },
} satisfies Record<string, Bilingual>;

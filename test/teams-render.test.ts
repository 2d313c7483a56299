import { MAX_CARD_BYTES } from '../src/channels/teams/card';
import { parseCommand } from '../src/channels/teams/commands';
import { toCardTexts } from '../src/channels/teams/markdown';
import { plainText } from '../src/channels/teams/question';
import { renderCard } from '../src/channels/teams/render';
import { welcomeCard } from '../src/channels/teams/welcome';
import type { Reply } from '../src/core/reply/model';
import { fixtureEngine } from './helpers/engine';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('Adaptive Cards from replies', () => {
  it('draws every entry, intent and the directory at version 1.5 and well under 28 KB', () => {
    const engine = fixtureEngine();
    const replies: Reply[] = [
      ...engine.kb.entries.flatMap((e) => [engine.answer(e.id, 'sv'), engine.answer(e.id, 'en')]),
      ...engine.kb.intents.map((i) => engine.answer(i.id, 'sv')),
      engine.lookupContacts(''),
    ].filter((r): r is Reply => r !== undefined);
    for (const reply of replies) {
      const card = renderCard(reply, { question: 'q', via: 'ask' });
      expect(card.version).toBe('1.5');
      expect(bytes(card)).toBeLessThan(MAX_CARD_BYTES / 2);
    }
    for (const lang of ['sv', 'en'] as const)
      expect(bytes(welcomeCard(engine.overview(lang), lang))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('keeps an oversized reply under 28 KB, dropping people from the end first', () => {
    const person = (n: number) => ({
      id: `p${n}`,
      name: `Person ${n}`,
      role: 'Upphandlare '.repeat(40),
      organisation: 'Kommunen',
      email: `p${n}@example.se`,
      phone: null,
    });
    const huge: Reply = {
      kind: 'contacts',
      id: 'contact:p0',
      confidence: 1,
      lang: 'sv',
      title: 'Kontaktpersoner',
      text: Array.from({ length: 20 }, (_, i) => `Stycke ${i} ${'ord '.repeat(300)}`).join('\n'),
      contacts: Array.from({ length: 10 }, (_, n) => person(n)),
      links: [],
      alternatives: [],
      source: { title: 'Källa', url: 'https://example.se/' },
      feedback: true,
    };
    const card = renderCard(huge, { question: 'vem', via: 'contacts' });
    expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const people = JSON.stringify(card).match(/\*\*Person \d+\*\*/g) ?? [];
    expect(people[0]).toBe('**Person 0**');
    // The feedback buttons survive the trimming.
    expect(JSON.stringify(card)).toContain('"vote":"down"');
  });
});

describe('Markdown-light to TextBlocks', () => {
  it('keeps paragraphs and lists, turns *italic* into _italic_, leaves **bold** alone, and shows `code` in bold', () => {
    expect(toCardTexts('**Fet** rad med *kursiv*.\n- ett\n- två\n\nSkriv `kontakt <ort>`.')).toEqual([
      '**Fet** rad med _kursiv_.',
      '- ett\r- två',
      'Skriv **kontakt <ort>**.',
    ]);
  });
});

describe('Teams text to a question', () => {
  it('removes tags and decodes entities, keeping words apart', () => {
    expect(plainText('<div>Vad&nbsp;kostar<br/>det?</div> &lt;3 &amp; &#246;l &#x263A;')).toBe(
      'Vad kostar det? <3 & öl ☺',
    );
  });

  it.each([
    ['kontakt nordanstig', { kind: 'contacts', query: 'nordanstig' }],
    ['Kontakt: Göteborg', { kind: 'contacts', query: 'Göteborg' }],
    ['hjälp', { kind: 'help', lang: 'sv' }],
    ['Help!', { kind: 'help', lang: 'en' }],
    ['help with social requirements', { kind: 'ask', question: 'help with social requirements' }],
    ['fråga Vad är ASF?', { kind: 'ask', question: 'Vad är ASF?' }],
    ['tips', { kind: 'tips', command: { action: 'status', lang: 'sv' } }],
    ['tips på', { kind: 'tips', command: { action: 'on', lang: 'sv' } }],
    ['tips off', { kind: 'tips', command: { action: 'off', lang: 'en' } }],
    ['tips om sociala krav', { kind: 'ask', question: 'tips om sociala krav' }],
  ])('"%s" is %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});

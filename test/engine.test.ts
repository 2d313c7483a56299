import { fixtureEngine } from './helpers/engine';

// The fixture knowledge (test/fixtures/knowledge/): invented places, people and hosts.
const engine = fixtureEngine();

describe('answers', () => {
  it.each([
    ['Vad menas med en reserverad upphandling?', 'concept-reserved-tender'],
    ['vad menas med reserverad upphandling', 'concept-reserved-tender'],
    ['Berätta om Solbys kaffe', 'case-solby-coffee'],
    ['kaffeavtalet i solby', 'case-solby-coffee'],
    ['sysselsättningskrav i Ekby', 'case-ekby-employment'],
    ['What did Ekby do with employment requirements?', 'case-ekby-employment'],
    ['Vad står förkortningen ASF för?', 'concept-work-integration'],
    ['Who runs this website?', 'about-service'],
    // Words people wrap a topic in are not topics: one known name is enough.
    ['Tell me about Ekby', 'case-ekby-employment'],
    ['Berätta om Ekby', 'case-ekby-employment'],
  ])('%s → %s', (question, id) => {
    const reply = engine.ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.id).toBe(id);
  });

  it('answers in the language of the question', () => {
    expect(engine.ask('Vad är en reserverad upphandling?')).toMatchObject({ lang: 'sv', kind: 'answer' });
    const en = engine.ask('What is a reserved tender?');
    expect(en).toMatchObject({ lang: 'en', id: 'concept-reserved-tender' });
    expect(en.text).toMatch(/reserved tender/i);
  });

  it('carries the entry’s contact persons and links', () => {
    const reply = engine.ask('Hur gjorde Solby med kaffet?');
    expect(reply.contacts.map((c) => c.id)).toEqual(['asa-odegard', 'greta-lindqvist']);
    expect(reply.contacts[1]).toMatchObject({ email: 'greta.lindqvist@solby.example', phone: '0123-456 78' });
    expect(reply.links.length).toBeGreaterThan(0);
    expect(reply.source?.title).toMatch(/Så handlar du av sociala företag/);
  });

  it('tolerates typos and missing diacritics', () => {
    expect(engine.ask('vad ar en reserverad upphandlig').id).toBe('concept-reserved-tender');
    expect(engine.ask('finns det utbilningar i upphandlig för inköpare?').id).toBe('guide-courses');
  });
});

describe('greetings and thanks around a question', () => {
  it('answers the question, not the greeting', () => {
    expect(engine.ask('Hej! Vad är en reserverad upphandling?').id).toBe('concept-reserved-tender');
    expect(engine.ask('hej hej, vem vet något om sysselsättningskrav? tack!').kind).not.toBe('smalltalk');
  });

  it('greets and thanks back when that is all there is', () => {
    expect(engine.ask('Hej!')).toMatchObject({ kind: 'smalltalk', id: 'greeting', lang: 'sv' });
    expect(engine.ask('Hello there')).toMatchObject({ kind: 'smalltalk', id: 'greeting', lang: 'en' });
    expect(engine.ask('Tack så mycket!')).toMatchObject({ kind: 'smalltalk', id: 'thanks' });
  });

  it('explains itself and lists the cases', () => {
    expect(engine.ask('vad kan du hjälpa till med?')).toMatchObject({ kind: 'smalltalk', id: 'help' });
    const list = engine.ask('Vilka exempel finns det?');
    expect(list).toMatchObject({ kind: 'list', id: 'list-cases' });
    expect(list.alternatives.map((a) => a.id)).toEqual(
      expect.arrayContaining(['case-solby-coffee', 'case-norrvik-cleaning', 'case-ekby-employment']),
    );
  });
});

describe('clarify', () => {
  it('offers the close candidates as choices when a question fits several', () => {
    // Both cases name the same supplier, and nothing else in the question tells them apart.
    const reply = engine.ask('Samverket');
    expect(reply.kind).toBe('clarify');
    expect(reply.alternatives.map((a) => a.id)).toEqual(
      expect.arrayContaining(['case-solby-coffee', 'case-norrvik-cleaning']),
    );
    expect(reply.id).toBe(reply.alternatives[0]?.id);
  });
});

describe('fallback: never guess', () => {
  it.each([
    'vad blir det för väder i morgon?',
    // Folded and stemmed, "väder" would be "vad": a guess, not a topic.
    'vad blir det för väder?',
    'Hur byter jag lösenord i Windows?',
    'What is the capital of Australia?',
    'Vilken momssats gäller för böcker?',
  ])('%s', (question) => {
    const reply = engine.ask(question);
    expect(reply).toMatchObject({ kind: 'fallback', id: 'fallback' });
    expect(reply.links.map((l) => l.url)).toEqual(
      expect.arrayContaining(['https://radgivning.example', 'https://www.upphandling.example']),
    );
  });
});

describe('contact lookup', () => {
  it('finds a person by partial name, without diacritics or with a typo', () => {
    expect(engine.ask('Hur når jag Odegard?').id).toBe('contact:asa-odegard');
    expect(engine.ask('telefonnummer till karin dahl').id).toBe('contact:karin-dahl');
    expect(engine.ask('mejl till Greta Lindkvist').id).toBe('contact:greta-lindqvist');
  });

  it('does not take ordinary words for names', () => {
    expect(engine.ask('Vilka sociala krav kan vi ställa i en upphandling?').kind).not.toBe('contacts');
  });

  it('finds people by organisation, place, role or topic', () => {
    const ids = (q: string) => engine.lookupContacts(q).contacts.map((c) => c.id);
    expect(ids('Ekby')).toEqual(expect.arrayContaining(['maja-holm', 'karin-dahl']));
    expect(ids('Region Norrvik')[0]).toBe('olof-nystrom');
    expect(ids('upphandlingsstrateg')[0]).toBe('maja-holm');
    expect(ids('kaffe')).toEqual(expect.arrayContaining(['asa-odegard', 'greta-lindqvist']));
    expect(engine.lookupContacts('lindqvist').id).toBe('contact:greta-lindqvist');
  });

  it('says when nobody matches and lists everyone who can be asked', () => {
    const reply = engine.lookupContacts('kvantfysik');
    expect(reply.kind).toBe('fallback');
    expect(reply.contacts).toHaveLength(engine.kb.contacts.length);
  });
});

describe('bad input gets a sensible reply', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['emoji only', '🙂🎉'],
    ['numbers only', '12345 678'],
    ['control characters', '\u0000\u0007\u001b'],
  ])('%s → help', (_name, text) => {
    expect(engine.ask(text)).toMatchObject({ kind: 'smalltalk', id: 'help' });
  });

  it.each([
    ['100 KB of text', 'upphandling '.repeat(9000)],
    ['HTML', '<script>alert(1)</script><b>reserverad upphandling</b>'],
    ['a channel mention', '<!channel> <@U000FAKEUSR1> vad är en reserverad upphandling?'],
    ['another language', 'Was ist ein vorbehaltener Auftrag?'],
    ['Markdown', '# **Rubrik** `kod` > citat'],
  ])('%s → a reply of a known kind, no crash', (_name, text) => {
    const reply = engine.ask(text);
    expect(['answer', 'clarify', 'fallback', 'smalltalk']).toContain(reply.kind);
    expect(reply.text.length).toBeGreaterThan(0);
  });

  it('never echoes markup back', () => {
    expect(JSON.stringify(engine.ask('<!channel> <script>x</script>'))).not.toMatch(/<!channel>|<script>/);
  });
});

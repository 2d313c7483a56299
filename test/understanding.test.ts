import { fixtureEngine } from './helpers/engine';

// Role questions, contact cues, the explanation, and input that must cost little: on the fixture
// knowledge (Maja Holm is Ekby's upphandlingsstrateg, Greta Lindqvist Solby's upphandlare).
const engine = fixtureEngine();

describe('questions about people by role or organisation', () => {
  it.each([
    ['upphandlingsstrategen i ekby, vad heter hon?', 'contact:maja-holm'],
    ['Who is the procurement strategist in Ekby?', 'contact:maja-holm'],
    ['vem är upphandlare i Solby?', 'contact:greta-lindqvist'],
    ['Majas e-post?', 'contact:maja-holm'],
    ['telefon till Greta', 'contact:greta-lindqvist'],
  ])('%s → %s', (question, id) => {
    const reply = engine.ask(question);
    expect(reply.kind).toBe('contacts');
    expect(reply.id).toBe(id);
  });

  it('treats a contact verb as a cue, never as a topic word that raises the bar', () => {
    // A topic is left ("kaffet"): the entry answers, with its own contact persons.
    const reply = engine.ask('vem ska jag ringa om kaffet i Solby?');
    expect(reply.id).toBe('case-solby-coffee');
    expect(reply.contacts.map((c) => c.id)).toContain('greta-lindqvist');
    expect(engine.ask('vem ringer jag om kaffet i Solby?').id).toBe('case-solby-coffee');
  });

  it('does not take an activity for a role', () => {
    // "upphandling" stems like "upphandlare", but it is what is done, not who does it.
    expect(engine.ask('upphandling').kind).not.toBe('contacts');
  });
});

describe('the reason for every answer', () => {
  it('names the outcome, the threshold and each candidate with its matched and unexplained words', () => {
    const { reply, explanation } = engine.explain('Vad menas med en reserverad upphandling?');
    expect(explanation.outcome).toBe('answer');
    expect(explanation.threshold).toBeGreaterThan(0);
    const [best] = explanation.candidates;
    expect(best?.id).toBe(reply.id);
    expect(best?.score).toBeCloseTo(reply.confidence, 2);
    expect(best?.matched.map((m) => m.word)).toEqual(expect.arrayContaining(['reserverad', 'upphandling']));
    for (const m of best?.matched ?? []) {
      expect(['word', 'stem', 'compound', 'synonym', 'typo', 'other-language']).toContain(m.via);
    }
  });

  it('says which words no entry explains when it falls back', () => {
    const { reply, explanation } = engine.explain('Mitt VPN fungerar inte');
    expect(reply.kind).toBe('fallback');
    expect(explanation.outcome).toBe('fallback');
    for (const c of explanation.candidates) expect(c.unexplained).toContain('vpn');
  });

  it("marks a match in the other language's texts", () => {
    const { explanation } = engine.explain('what is sysselsättningskrav');
    const vias = explanation.candidates[0]?.matched.map((m) => m.via) ?? [];
    expect(vias).toContain('other-language');
  });

  it('explains small talk, people and empty input too', () => {
    expect(engine.explain('hej').explanation.outcome).toBe('smalltalk');
    expect(engine.explain('Majas e-post?').explanation).toMatchObject({
      outcome: 'contact',
      candidates: [expect.objectContaining({ id: 'contact:maja-holm' })],
    });
    expect(engine.explain('   ').explanation.outcome).toBe('empty');
  });

  it('leaves the reply itself as ask gives it', () => {
    const question = 'kaffeavtalet i solby';
    expect(engine.explain(question).reply).toEqual(engine.ask(question));
  });
});

describe('personal data in a question never counts as a topic word', () => {
  it('masks e-mail addresses and phone numbers before matching', () => {
    const plain = engine.explain('kaffeavtalet i Solby');
    const withData = engine.explain(
      'kaffeavtalet i Solby, mejla anna.svensson@exempel.se eller ring 070-123 45 67',
    );
    expect(withData.reply.id).toBe(plain.reply.id);
    const words = withData.explanation.candidates.flatMap((c) => [
      ...c.unexplained,
      ...c.matched.map((m) => m.word),
    ]);
    expect(words.join(' ')).not.toMatch(/anna|svensson|070|exempel/);
  });
});

describe('bounded work for hostile input', () => {
  const letters = 'abcdefghijklmnopqrstuvwxyzåäö';
  // A fixed pseudo-random sequence: the same words every run.
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const word = (n: number) =>
    Array.from({ length: n }, () => letters[Math.floor(random() * letters.length)]).join('');

  it.each([
    ['one word of 1,000 random letters', () => word(1000)],
    ['60 KB of one letter', () => 'a'.repeat(60_000)],
    ['10,000 distinct unknown words', () => Array.from({ length: 10_000 }, () => word(7)).join(' ')],
    ['German', () => 'Was ist ein vorbehaltener Auftrag und wer kann ihn bekommen?'],
    ['Arabic', () => 'ما هو العقد المحجوز؟'],
  ])('%s → fallback or help', (_name, make) => {
    const reply = engine.ask(make());
    expect(['fallback', 'smalltalk']).toContain(reply.kind);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/core/engine';
import type { Problem } from '../src/core/knowledge/problems';
import { readSynonyms } from '../src/core/knowledge/synonyms';
import { BloomFilter } from '../src/core/lexicon/bloom';
import { projectLexicons } from '../src/entry/load-engine';
import { fixtureEngine } from './helpers/engine';

// The compiled dictionaries (npm run build) and the fixture knowledge: each pipeline step alone.
const { sv, en } = projectLexicons();

describe('the Bloom filter the dictionaries are compiled into', () => {
  it('holds what was added, survives serialisation, and refuses bytes that are no filter', () => {
    const filter = BloomFilter.sized(1000, 0.001);
    const words = Array.from({ length: 1000 }, (_, i) => `ord${i}`);
    for (const w of words) filter.add(w);
    const copy = BloomFilter.deserialize(filter.serialize());
    expect(copy).toBeDefined();
    expect(words.every((w) => copy?.has(w))).toBe(true);
    const strangers = Array.from({ length: 1000 }, (_, i) => `annat${i}`).filter((w) => copy?.has(w));
    expect(strangers.length).toBeLessThan(10);
    expect(BloomFilter.deserialize(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe('the dictionary tells a real word from a typo', () => {
  it.each(['väder', 'tåg', 'lön', 'utbildning', 'moms', 'upphandlingarna', 'kraven', 'arbetslösa'])(
    '%s is a Swedish word',
    (word) => expect(sv.isWord(word)).toBe(true),
  );
  it.each(['utbildnng', 'socila', 'qwxzv', 'x'.repeat(1000)])('%s is no word', (word) => {
    expect(sv.isWord(word)).toBe(false);
  });
  it('knows English words too', () => {
    expect(en.isWord('weather')).toBe(true);
    expect(en.isWord('procurement')).toBe(true);
    expect(en.isWord('qwxzv')).toBe(false);
  });
  it('tells nouns and names (topics) from verbs and adverbs (how a question is put)', () => {
    for (const noun of ['moms', 'lön', 'malmö', 'vpn', 'städning']) expect(sv.isNoun(noun)).toBe(true);
    for (const other of ['behöver', 'likadan', 'egentligen', 'fungerar'])
      expect(sv.isNoun(other)).toBe(false);
  });
});

describe('compounds split where the dictionary says', () => {
  it.each([
    ['upphandlingsdokument', ['upphandlings', 'dokument']],
    ['anbudsprövning', ['anbuds', 'prövning']],
    ['julklappar', ['jul', 'klappar']],
    ['sysselsättningskrav', ['sysselsättnings', 'krav']],
  ])('%s → %j', (word, parts) => {
    expect(sv.split(word)).toEqual(parts);
  });
  it('does not split what is no compound, nor an absurdly long word', () => {
    expect(sv.split('utbildning')).toBeUndefined();
    expect(sv.split('a'.repeat(1000))).toBeUndefined();
  });
});

describe('the matcher with the lexicon', () => {
  const engine = fixtureEngine();
  const matched = (question: string, id: string) =>
    engine.explain(question).explanation.candidates.find((c) => c.id === id)?.matched ?? [];

  it('corrects a typo only when it is no word', () => {
    expect(matched('sysselsättningskarv i Ekby', 'case-ekby-employment')).toContainEqual(
      expect.objectContaining({ word: 'sysselsättningskarv', via: 'typo' }),
    );
    // "väder" is a word: never "corrected" into "vad", so nothing explains it.
    expect(engine.explain('väder').reply.kind).toBe('fallback');
    expect(engine.explain('väder').explanation.candidates).toEqual([]);
  });

  it('splits a compound the knowledge base lacks into parts it has', () => {
    expect(matched('kaffeupphandlingen i Solby', 'case-solby-coffee')).toContainEqual(
      expect.objectContaining({ via: 'compound' }),
    );
  });

  it('meets inflections at their base form', () => {
    expect(engine.ask('städningarna i Norrvik').id).toBe('case-norrvik-cleaning');
  });

  it('counts a real word the knowledge base never uses against every entry', () => {
    // "moms" and "lön" are topics of their own: the coffee case must not answer them.
    expect(engine.ask('vad är momsen på kaffet').kind).toBe('fallback');
    expect(engine.ask('vilken lön har en upphandlare i Solby').kind).not.toBe('answer');
    expect(engine.explain('vad är momsen på kaffet').explanation.candidates[0]?.unexplained).toContain(
      'momsen',
    );
  });

  it('never lets a place name alone carry a match', () => {
    // "Solby" is a place the knowledge base knows; "Malmö" is one it does not.
    expect(engine.ask('Finns det något exempel från Malmö kommun?').id).not.toBe('case-solby-coffee');
    expect(engine.ask('Berätta om Solby').id).toBe('case-solby-coffee');
  });
});

describe('synonyms that editors keep', () => {
  const base = fixtureEngine();
  const withSynonyms = new Engine(
    { ...base.kb, synonyms: { sv: [['kaffe', 'fika', 'mötesfika']], en: [['coffee', 'java']] } },
    { lexicons: projectLexicons() },
  );

  it('count a synonym as a match, a little weaker than the word itself', () => {
    const viaSynonym = withSynonyms.explain('fika i Solby');
    expect(viaSynonym.reply.id).toBe('case-solby-coffee');
    const word = viaSynonym.explanation.candidates[0]?.matched.find((m) => m.word === 'fika');
    expect(word).toMatchObject({ as: 'kaffe', via: 'synonym' });
    const direct = withSynonyms.explain('kaffe i Solby').explanation.candidates[0]?.score ?? 0;
    expect(viaSynonym.explanation.candidates[0]?.score ?? 1).toBeLessThan(direct);
    expect(base.ask('fika i Solby').id).not.toBe('case-solby-coffee');
  });

  it('are checked: a word in two groups, a group of one, an empty word', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sofo-synonyms-'));
    const file = join(dir, 'synonyms.yaml');
    writeFileSync(file, 'sv:\n  - [gåva, present]\n  - [present, julklapp]\n  - [ensam]\n  - [ord, ""]\n');
    const problems: Problem[] = [];
    expect(readSynonyms(file, 'knowledge/synonyms.yaml', problems)).toEqual({ sv: [], en: [] });
    const text = problems.map((p) => `${p.line}: ${p.message}`).join('\n');
    expect(text).toMatch(/^3: "present" står redan i grupp 1/m);
    expect(text).toMatch(/^4: en grupp behöver minst två ord/m);
    expect(problems.some((p) => p.line === 5)).toBe(true);
  });
});

describe('synonyms and the stemmer', () => {
  it('find a group from any inflection, even where the stemmer disagrees with itself', () => {
    // Swedish stemming gives "kurs" → "kur" but "kurser" → "kurs": both must reach the group.
    const base = fixtureEngine();
    const engine = new Engine(
      { ...base.kb, synonyms: { sv: [['kaffe', 'kurs']], en: [] } },
      { lexicons: projectLexicons() },
    );
    for (const word of ['kurs', 'kurser', 'kursen']) {
      const matched = engine.explain(`${word} i Solby`).explanation.candidates[0]?.matched ?? [];
      expect(matched).toContainEqual(expect.objectContaining({ word, via: 'synonym' }));
    }
  });
});

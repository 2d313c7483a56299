import { contentStems, groupInbox, groupKey } from '../src/inbox/grouping';
import { synonymCanonical } from '../src/inbox/synonym-key';
import type { InboxItem } from '../src/storage/inbox';
import { fixtureEngine } from './helpers/engine';

let n = 0;
function asked(text: string, best = 'guide-training', extra: Partial<InboxItem> = {}): InboxItem {
  n += 1;
  return {
    id: `q${n}`,
    text,
    lang: 'sv',
    outcome: 'fallback',
    candidates: best ? [{ id: best, score: 0.4 }] : [],
    channel: 'slack',
    at: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
    key: groupKey(text, extra.lang ?? 'sv'),
    ...extra,
  };
}

describe('grouping inbox questions', () => {
  it('keys a question by its content words, stemmed, order-free, without masked data', () => {
    expect(groupKey('Finns det en kurs i upphandling?', 'sv')).toBe(groupKey('upphandling kurs', 'sv'));
    expect(contentStems('ring mig på [telefon] om kursen', 'sv')).not.toContain('telefon');
    expect(contentStems('What is a reserved contract?', 'en')).toEqual(['contract', 'reserv']);
  });

  it('puts "utbildning i upphandling" and "kurs i upphandling?" together when they went the same way', () => {
    const groups = groupInbox([
      asked('utbildning i upphandling'),
      asked('kurs i upphandling?'),
      asked('upphandling'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 3, outcome: 'fallback', lang: 'sv' });
    expect(groups[0]?.examples).toEqual(['utbildning i upphandling', 'kurs i upphandling?', 'upphandling']);
  });

  it('keeps questions apart that share a word but went to different entries, or share too little', () => {
    const groups = groupInbox([
      asked('kurs i upphandling'),
      asked('lagen om upphandling', 'guide-legal-basis'),
      asked('kurs om pizza och glass i göteborg'),
    ]);
    expect(groups).toHaveLength(3);
  });

  it('does not chain: a question joins the group of its anchor, not of any member', () => {
    // a~b and b~c, but a and c share nothing: c must not land in a's group through b.
    const groups = groupInbox([asked('kurs upphandling'), asked('upphandling lag'), asked('lag pris')]);
    expect(groups.map((g) => g.count).sort()).toEqual([1, 2]);
  });

  it('counts repeats, lists the most asked first, and keeps the best score per candidate', () => {
    const groups = groupInbox([
      asked('pizza?', ''),
      asked('pizza', ''),
      asked('pizza', ''),
      asked('kursen', 'guide-training', { candidates: [{ id: 'guide-training', score: 0.2 }] }),
      asked('kurser', 'guide-training', { candidates: [{ id: 'guide-training', score: 0.5 }] }),
    ]);
    expect(groups.map((g) => g.count)).toEqual([3, 2]);
    expect(groups[0]?.examples).toEqual(['pizza', 'pizza?']);
    expect(groups[1]?.candidates).toEqual([{ id: 'guide-training', score: 0.5 }]);
  });

  it('gives a group the same id however many questions join it later', () => {
    const first = asked('kurs i upphandling');
    const before = groupInbox([first])[0]?.id;
    const after = groupInbox([first, asked('utbildning i upphandling'), asked('pizza')]);
    expect(after.find((g) => g.count === 2)?.id).toBe(before);
    expect(before).toMatch(/^g[0-9a-f]{10}$/);
  });

  it('leaves out ignored keys', () => {
    const groups = groupInbox([asked('pizza'), asked('kurs')], {
      ignored: new Set([groupKey('pizza', 'sv')]),
    });
    expect(groups.flatMap((g) => g.examples)).toEqual(['kurs']);
  });

  it('groups through the synonym seam when one is given', () => {
    const canonical = (word: string) => (word === 'kurs' ? 'utbildning' : word);
    const groups = groupInbox([asked('kurs', 'a'), asked('utbildning', 'a')], { canonical });
    expect(groups).toHaveLength(1);
  });
});

describe('grouping with the editors synonyms', () => {
  it('puts "utbildning i upphandling" and "kurs i upphandling?" in one key when the synonyms say so', () => {
    const kb = { ...fixtureEngine().kb, synonyms: { sv: [['utbildning', 'kurs']], en: [] } };
    const canonical = synonymCanonical(kb);
    expect(groupKey('utbildning i upphandling', 'sv', canonical)).toBe(
      groupKey('kurs i upphandling?', 'sv', canonical),
    );
    const groups = groupInbox([asked('utbildning i upphandling', 'a'), asked('kurs i upphandling?', 'b')], {
      canonical,
    });
    expect(groups).toHaveLength(1);
  });
});

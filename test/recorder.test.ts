import type { Reply } from '../src/core/reply/model';
import { Recorder } from '../src/inbox/recorder';
import { MemoryStore } from '../src/storage/memory-store';

const now = () => new Date('2026-12-03T09:00:00Z');

function reply(kind: Reply['kind'], id: string, extra: Partial<Reply> = {}): Reply {
  return {
    kind,
    id,
    confidence: kind === 'fallback' ? 0 : 0.6,
    lang: 'sv',
    title: '',
    text: '',
    contacts: [],
    links: [],
    alternatives: [],
    source: null,
    feedback: true,
    ...extra,
  };
}

describe('the recorder', () => {
  it('keeps a fallback in the inbox, scrubbed, with its candidates and channel, and no user', async () => {
    const store = new MemoryStore();
    const recorder = new Recorder({ store, now, log: () => undefined });
    const alternatives = [{ id: 'guide-training', title: 'Utbildning', confidence: 0.31 }];
    recorder.asked(
      'slack',
      'Kurs? mejla anna.svensson@example.se eller 070-123 45 67',
      reply('fallback', 'fallback', { alternatives }),
    );
    await recorder.flush();
    const [item] = await store.listInbox();
    expect(item).toMatchObject({
      text: 'Kurs? mejla [e-post] eller [telefon]',
      lang: 'sv',
      outcome: 'fallback',
      candidates: [{ id: 'guide-training', score: 0.31 }],
      channel: 'slack',
      at: '2026-12-03T09:00:00.000Z',
      key: 'kur mejl',
    });
    expect(JSON.stringify(item)).not.toMatch(/anna|070/);
  });

  it('counts an answer without keeping the question, and a clarify with it', async () => {
    const store = new MemoryStore();
    const recorder = new Recorder({ store, now, log: () => undefined });
    recorder.asked('web', 'reserverat kontrakt', reply('answer', 'concept-reserved-contract'));
    recorder.asked('web', 'reserverat kontrakt', reply('answer', 'concept-reserved-contract'));
    recorder.asked('teams', 'krav', reply('clarify', 'guide-social-requirements'));
    await recorder.flush();
    expect((await store.listInbox()).map((i) => [i.text, i.outcome])).toEqual([['krav', 'clarify']]);
    expect(await store.listCounts()).toEqual(
      expect.arrayContaining([
        {
          week: '2026-W49',
          event: 'answer',
          entryId: 'concept-reserved-contract',
          lang: 'sv',
          channel: 'web',
          count: 2,
        },
        {
          week: '2026-W49',
          event: 'clarify',
          entryId: 'guide-social-requirements',
          lang: 'sv',
          channel: 'teams',
          count: 1,
        },
      ]),
    );
  });

  it('keeps a 👎 with the entry voted on as a candidate, and counts both votes', async () => {
    const store = new MemoryStore();
    const recorder = new Recorder({ store, now, log: () => undefined });
    const vote = {
      entryId: 'guide-training',
      question: 'kurs',
      platform: 'teams',
      user: 'h',
      at: '',
    } as const;
    recorder.voted({ ...vote, vote: 'up' }, reply('answer', 'guide-training', { lang: 'sv' }));
    recorder.voted({ ...vote, vote: 'down' }, reply('answer', 'guide-training', { lang: 'sv' }));
    await recorder.flush();
    const inbox = await store.listInbox();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      outcome: 'down',
      candidates: [{ id: 'guide-training' }],
      channel: 'teams',
    });
    expect(JSON.stringify(inbox)).not.toContain('"user"');
    expect((await store.listCounts()).map((c) => [c.event, c.count])).toEqual([
      ['up', 1],
      ['down', 1],
    ]);
  });

  it('writes a burst of questions in a few store writes, not one each', async () => {
    const store = new MemoryStore();
    const writes = jest.spyOn(store, 'addCounts');
    const recorder = new Recorder({ store, now, log: () => undefined });
    for (let i = 0; i < 200; i += 1) recorder.asked('slack', `pizza ${i}`, reply('fallback', 'fallback'));
    await recorder.flush();
    expect((await store.listInbox()).length).toBe(200);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('logs a failing store in one line and never throws into a reply', async () => {
    const store = new MemoryStore();
    jest.spyOn(store, 'addCounts').mockRejectedValue(new Error('disk full'));
    const lines: string[] = [];
    const recorder = new Recorder({ store, now, log: (l) => lines.push(l) });
    expect(() => recorder.asked('web', 'pizza', reply('fallback', 'fallback'))).not.toThrow();
    await recorder.flush();
    expect(lines).toEqual(['sofo: 1 counters and 1 inbox questions not stored: disk full']);
  });
});

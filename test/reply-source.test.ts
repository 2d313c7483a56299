import { renderText } from '../src/channels/cli/render-text';
import { renderSlack } from '../src/channels/slack/render';
import { renderCard } from '../src/channels/teams/render';
import type { Reply } from '../src/core/reply/model';
import { GUIDE_URL } from '../src/core/reply/phrases';
import { fixtureEngine } from './helpers/engine';

const engine = fixtureEngine();

describe('the source line', () => {
  it('links every reply that has one to the guide’s own page, in both languages', () => {
    const replies: Reply[] = [
      engine.ask('Vem kan jag kontakta om kaffet i Solby?'),
      engine.ask('What is a reserved tender?'),
      engine.ask('Vilka exempel finns det?'),
      engine.lookupContacts('Ekby'),
      engine.lookupContacts(''),
      ...engine.kb.entries.map((e) => engine.answer(e.id, 'en') as Reply),
    ];
    for (const reply of replies) {
      expect(reply.source).toEqual({
        title: expect.stringMatching(/Så handlar du av sociala företag/),
        url: GUIDE_URL,
      });
    }
    expect(engine.ask('Vad är en reserverad upphandling?').source?.title).toMatch(/^Källa:/);
    expect(engine.ask('What is a reserved tender?').source?.title).toMatch(/^Source:.*translated/);
  });

  it('is drawn as a link by Slack, Teams and the terminal', () => {
    const reply = engine.ask('Vad är en reserverad upphandling?');
    const slack = renderSlack(reply, { question: 'q' }).blocks.find((b) => b.type === 'context');
    expect(JSON.stringify(slack)).toContain(`<${GUIDE_URL}|Källa: guiden`);
    const card = JSON.stringify(renderCard(reply, { question: 'q', via: 'ask' }));
    expect(card).toContain(`](${GUIDE_URL})`);
    expect(renderText(reply)).toContain(
      `Källa: guiden ”Så handlar du av sociala företag” (Coompanion) <${GUIDE_URL}>`,
    );
  });

  it('is absent from small talk', () => {
    expect(engine.ask('Hej!').source).toBeNull();
  });
});

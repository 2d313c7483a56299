import { clip, escapeSlack, toMrkdwn } from '../src/channels/slack/escape';
import { homeView } from '../src/channels/slack/home';
import { questionFromSlack } from '../src/channels/slack/question';
import { renderSlack } from '../src/channels/slack/render';
import { renderTip } from '../src/channels/slack/tips';
import { fixtureEngine } from './helpers/engine';
import { messageProblems } from './helpers/slack-text';

describe('Slack text', () => {
  it('escapes what could ping or spoof: <!channel>, <@U…>, links', () => {
    expect(escapeSlack('<!channel> <@U1> <http://x|y> & co')).toBe(
      '&lt;!channel&gt; &lt;@U1&gt; &lt;http://x|y&gt; &amp; co',
    );
  });

  it('turns the editors’ Markdown into mrkdwn: **bold**, *italic*, lists', () => {
    expect(toMrkdwn('guiden *Så handlar du* och **fet** text\n- punkt')).toBe(
      'guiden _Så handlar du_ och *fet* text\n• punkt',
    );
  });

  it('takes the question out of a message with mentions anywhere and Slack link syntax', () => {
    expect(questionFromSlack('<@U000FAKEBOT> vad är <https://skr.se|SKR>s handbok? <@W123>')).toBe(
      'vad är SKRs handbok?',
    );
    expect(questionFromSlack('hej <!here> &lt;b&gt; fet')).toBe('hej <b> fet');
  });

  it('clips on a word boundary with an ellipsis', () => {
    expect(clip('ett två tre fyra', 10)).toBe('ett två…');
  });
});

describe('Block Kit', () => {
  const engine = fixtureEngine();

  it('keeps every section, header and button within Slack’s limits', () => {
    for (const entry of engine.kb.entries) {
      const reply = engine.answer(entry.id, 'sv');
      if (!reply) throw new Error(entry.id);
      const { blocks, text } = renderSlack(reply, { question: 'x'.repeat(3000), shareable: true });
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(text.length).toBeLessThanOrEqual(3000);
      for (const block of blocks) {
        if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
        if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
        if (block.type === 'actions') {
          for (const element of block.elements) {
            if (element.type !== 'button') continue;
            expect(element.text.text.length).toBeLessThanOrEqual(75);
            expect((element.value ?? '').length).toBeLessThanOrEqual(2000);
          }
        }
      }
    }
  });

  it('offers 👍/👎 on answers, and choices but no vote on a clarify question', () => {
    const clarify = engine.ask('Samverket');
    expect(clarify.kind).toBe('clarify');
    const blocks = JSON.stringify(renderSlack(clarify, { question: 'Samverket' }).blocks);
    expect(blocks).toContain('sofo_choose:0');
    expect(blocks).not.toContain('sofo_feedback_up');
  });
});

describe('every rendered message', () => {
  const engine = fixtureEngine();

  it('has a plain `text` (no Markdown markers, no raw <) and escaped mrkdwn, in both languages', () => {
    const problems: string[] = [];
    const check = (name: string, message: { text?: unknown; blocks?: unknown }) => {
      for (const p of messageProblems(message)) problems.push(`${name}: ${p}`);
    };
    for (const lang of ['sv', 'en'] as const) {
      const ids = [...engine.kb.entries.map((e) => e.id), ...engine.kb.intents.map((i) => i.id)];
      for (const id of ids) {
        const reply = engine.answer(id, lang);
        if (reply) check(`${id} ${lang}`, renderSlack(reply, { question: '<!channel> &', shareable: true }));
      }
      for (const contact of engine.kb.contacts) {
        check(
          `contact ${contact.id}`,
          renderSlack(engine.lookupContacts(contact.name, { lang }), { question: '' }),
        );
      }
      check(`directory ${lang}`, renderSlack(engine.lookupContacts('', { lang }), { question: '' }));
      const fallback = engine.ask(
        lang === 'sv' ? 'Hur bokar jag ett mötesrum?' : 'How do I book a meeting room?',
      );
      check(`fallback ${lang}`, renderSlack(fallback, { question: 'x' }));
      for (const tip of engine.kb.tips) check(`${tip.id} ${lang}`, renderTip(engine.tipMessage(tip, lang)));
      check(`home ${lang}`, homeView(engine.overview(lang), lang));
    }
    expect(problems).toEqual([]);
  });
});

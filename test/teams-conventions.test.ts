import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { activity, cardOf, connectorDouble, type Json, post, route, texts, USER_ID } from './helpers/teams';

/**
 * Teams the way its users expect it: help and welcome in the client's language naming Teams' own
 * commands, a command menu that does what it says, and votes that are each person's own (Universal
 * Actions). Over HTTP against the Bot Connector double, as in teams.test.ts.
 */
let connector: HttpDouble;
let connectorUrl: string;
let sofo: Running;
let store: MemoryStore;

beforeAll(async () => {
  connector = connectorDouble();
  connectorUrl = await connector.start();
  store = new MemoryStore();
  sofo = await startServer(testConfig({ PORT: '0' }), { store, log: () => undefined, host: '127.0.0.1' });
});

afterAll(async () => {
  await sofo?.stop();
  await connector.stop();
});

const replyTo = (a: Json) =>
  connector.waitFor(
    (c) => c.method === 'POST' && route(c).conversation === a.conversation.id && route(c).activity === a.id,
  );

function personal(text: string, locale?: string): Json {
  const conversation = `a:conv-${Math.random().toString(36).slice(2)}`;
  return activity('message_personal.json', connectorUrl, {
    text,
    ...(locale ? { locale } : {}),
    conversation: { id: conversation },
  });
}

const CHANNEL = '19:00000000000000000000000000votes@thread.tacv2';

function inChannel(text: string, from?: Json): Json {
  const root = Math.random().toString(36).slice(2);
  const body = activity('message_channel_mention.json', connectorUrl, {
    text: `<at>Sofo</at> ${text}`,
    entities: [
      {
        type: 'mention',
        text: '<at>Sofo</at>',
        mentioned: { id: '28:11111111-2222-3333-4444-555555555555' },
      },
    ],
    conversation: { id: `${CHANNEL};messageid=${root}` },
  });
  return from ? { ...body, from } : body;
}

/** The 👍/👎 buttons as drawn (not their fallbacks). */
const feedbackButtons = (card: Json): Json[] =>
  (card.body as Json[]).find((e) => e.id === 'sofo-feedback')?.actions ?? [];

async function shownFor(message: Json): Promise<string> {
  await post(sofo.url, message);
  return texts(cardOf(await replyTo(message))).join('\n');
}

describe('help in the client’s language, with Teams’ commands only', () => {
  it('`hjälp` from an en-GB client is English; from a Swedish client Swedish', async () => {
    const english = await shownFor(personal('hjälp', 'en-GB'));
    expect(english).toMatch(/^What Sofo can do/);
    expect(english).toMatch(/How to ask[\s\S]*\*\*contact/);
    const swedish = await shownFor(personal('hjälp', 'sv-SE'));
    expect(swedish).toMatch(/^Det här kan Sofo[\s\S]*Så frågar du[\s\S]*\*\*kontakt/);
  });

  it('names no Slack command in help or in the welcome', async () => {
    const help = await shownFor(personal('help'));
    const team = '19:conventions-welcome@thread.tacv2';
    const added = activity('conversation_update_bot_added_to_team.json', connectorUrl, {
      locale: 'en-GB',
      conversation: { id: team },
    });
    await post(sofo.url, added);
    const welcome = texts(
      cardOf(await connector.waitFor((c) => c.method === 'POST' && route(c).conversation === team)),
    ).join('\n');
    expect(welcome).toMatch(/^Hi! I'm Sofo/);
    for (const shown of [help, welcome]) {
      expect(shown).toMatch(/tips on/);
      expect(shown).not.toMatch(/Slack|\/sofo|\/kontakt/);
    }
  });

  it('`exempel` (the menu’s case list) lists the case studies; `tips` tells the tips state', async () => {
    const cases = await shownFor(personal('exempel'));
    expect(cases).toMatch(/^Så har andra gjort[\s\S]*Solby/);
    const tips = personal('tips');
    await post(sofo.url, tips);
    // A personal chat is told about "this chat", not a channel it is not.
    const said = String((await replyTo(tips)).body.text);
    expect(said).toMatch(/^Den här chatten får inga tips\. Slå på med `tips på`\.$/);
  });
});

describe('contact details say where they come from', () => {
  it('in `kontakt` answers and in the cards the contact search inserts', async () => {
    const PAGE = 'https://orebroforetag.coompanion.eu/sa-handlar-du-av-sociala-foretag/';
    const question = personal('kontakt ekby');
    await post(sofo.url, question);
    const card = cardOf(await replyTo(question));
    expect(texts(card).join('\n')).toMatch(/Kontaktuppgifterna kommer från guiden/);
    expect(JSON.stringify(card)).toContain(PAGE);
    const query = activity('compose_extension_query.json', connectorUrl, {
      value: { commandId: 'kontakt', parameters: [{ name: 'query', value: 'ekby' }] },
    });
    const results = (await (await post(sofo.url, query)).json()) as Json;
    const inserted = results.composeExtension.attachments[0].content;
    expect(texts(inserted).join('\n')).toMatch(/come from the guide|kommer från guiden/);
    expect(texts(inserted).join('\n')).toContain(PAGE);
  });
});

describe('votes per person in a channel (Universal Actions)', () => {
  const other = {
    id: '29:second-user',
    name: 'Second User',
    aadObjectId: '99999999-1111-2222-3333-444444444444',
  };

  it('two users in one channel each see their own state; the card everyone sees is left alone', async () => {
    const question = inChannel('vad är en reserverad upphandling?');
    await post(sofo.url, question);
    const answer = cardOf(await replyTo(question));
    const buttons = feedbackButtons(answer);
    expect(buttons.map((b) => b.type)).toEqual(['Action.Execute', 'Action.Execute']);
    // Older clients get the same button as Action.Submit.
    expect(buttons[0]?.fallback).toMatchObject({ type: 'Action.Submit', data: buttons[0]?.data });
    const [up, down] = buttons as [Json, Json];

    const click = (button: Json, from?: Json) =>
      activity('adaptive_card_action_invoke.json', connectorUrl, {
        ...(from ? { from } : {}),
        conversation: { id: question.conversation.id, conversationType: 'channel' },
        value: {
          action: { type: 'Action.Execute', verb: button.verb, data: button.data },
          trigger: 'manual',
        },
      });
    const first = (await (await post(sofo.url, click(up))).json()) as Json;
    const second = (await (await post(sofo.url, click(down, other))).json()) as Json;

    expect(texts(first.value)).toContain('👍 Tack för din återkoppling!');
    expect(first.value.refresh.userIds).toEqual([USER_ID]);
    expect(texts(second.value)).toContain('👎 Tack! Vi använder det för att förbättra svaren.');
    expect(second.value.refresh.userIds).toEqual([other.id]);
    expect(connector.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    const votes = store.feedback.filter((f) => f.question === 'vad är en reserverad upphandling?');
    expect(votes.map((v) => v.vote).sort()).toEqual(['down', 'up']);
    expect(new Set(votes.map((v) => v.user)).size).toBe(2);

    // The voter's client draws the card again (an automatic refresh): the same thanks, no new vote.
    const refresh = activity('adaptive_card_action_invoke.json', connectorUrl, {
      conversation: { id: question.conversation.id, conversationType: 'channel' },
      value: { action: first.value.refresh.action, trigger: 'automatic' },
    });
    const again = (await (await post(sofo.url, refresh)).json()) as Json;
    expect(texts(again.value)).toContain('👍 Tack för din återkoppling!');
    expect(store.feedback.filter((f) => f.question === 'vad är en reserverad upphandling?')).toHaveLength(2);
  });

  it('a vote from a client without Universal Actions (Action.Submit) is stored and changes no one’s card', async () => {
    const question = inChannel('What is a reserved tender?');
    await post(sofo.url, question);
    const [up] = feedbackButtons(cardOf(await replyTo(question)));
    expect(up?.type).toBe('Action.Execute');
    const submit = activity('adaptive_card_action_submit_message.json', connectorUrl, {
      value: up?.fallback.data,
      replyToId: 'sofo-shared-card',
      conversation: { id: question.conversation.id, conversationType: 'channel' },
    });
    expect((await post(sofo.url, submit)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(store.feedback.some((f) => f.question === 'What is a reserved tender?')).toBe(true);
    expect(connector.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('in a personal chat the buttons stay Action.Submit, and the card updates in place', async () => {
    const question = personal('vad är en reserverad upphandling?');
    await post(sofo.url, question);
    const buttons = feedbackButtons(cardOf(await replyTo(question)));
    expect(buttons.map((b) => b.type)).toEqual(['Action.Submit', 'Action.Submit']);
  });
});

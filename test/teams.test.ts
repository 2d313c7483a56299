import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { fixtureEngine, testConfig } from './helpers/engine';
import type { HttpDouble, Recorded } from './helpers/http-double';
import {
  AAD_ID,
  APP_ID,
  actions,
  activity,
  BOT_ID,
  cardOf,
  connectorDouble,
  type Json,
  post,
  route,
  sleep,
  texts,
  USER_ID,
} from './helpers/teams';

let connector: HttpDouble;
let connectorUrl: string;
let sofo: Running;
let store: MemoryStore;
const log: string[] = [];

beforeAll(async () => {
  connector = connectorDouble((call) => call.path.includes('broken'));
  connectorUrl = await connector.start();
  store = new MemoryStore();
  sofo = await startServer(testConfig({ PORT: '0' }), { store, log: (l) => log.push(l), host: '127.0.0.1' });
});

afterAll(async () => {
  // If start-up failed, there is no server, but the double must still close or Jest never exits.
  await sofo?.stop();
  await connector.stop();
});

/** Calls the double received for one conversation. */
const callsTo = (conversation: string) =>
  connector.calls.filter((c) => route(c).conversation === conversation);
/** The reply to one activity: POST …/conversations/{id}/activities/{activity id}. */
const replyTo = (a: Json) =>
  connector.waitFor(
    (c) => c.method === 'POST' && route(c).conversation === a.conversation.id && route(c).activity === a.id,
  );
/** What the feedback buttons carry as the question: exactly the text that reached the engine. */
const askedQuestion = (call: Recorded) =>
  actions(cardOf(call)).find((a) => a.data?.action === 'feedback')?.data.q;

/** A personal-chat message in its own conversation, so that tests can count what was posted there. */
function personal(text: string, conversation = `a:personal-${Math.random().toString(36).slice(2)}`): Json {
  return activity('message_personal.json', connectorUrl, { text, conversation: { id: conversation } });
}

/** A channel message in its own thread, mentioning the bot the way the text says. */
function channel(text: string, entities: Json[] = [mention('Chat SDK Demo')]): Json {
  const root = Math.random().toString(36).slice(2);
  return activity('message_channel_mention.json', connectorUrl, {
    text,
    entities,
    conversation: { id: `19:0000000000000000000000000000c0de@thread.tacv2;messageid=${root}` },
  });
}

function mention(name: string, id = BOT_ID): Json {
  return { type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } };
}

describe('questions in chats and channels', () => {
  it('answers a personal chat with an Adaptive Card, as a reply to the question', async () => {
    const question = personal('Vad är en reserverad upphandling?');
    const res = await post(sofo.url, question);
    expect(res.status).toBe(200);
    const reply = await replyTo(question);
    expect(reply.body.type).toBe('message');
    expect(reply.body.replyToId).toBe(question.id);
    const card = cardOf(reply);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const shown = texts(card);
    expect(shown[0]).toBe('Vad är en reserverad upphandling?');
    expect(shown.join('\n')).toMatch(/\*\*En reserverad upphandling ger jobb/);
    expect(shown.join('\n')).toContain(
      '[greta.lindqvist@solby.example](mailto:greta.lindqvist@solby.example)',
    );
    expect(shown.join('\n')).toContain('(tel:+4612345678)');
    expect(shown[shown.length - 1]).toMatch(
      /^\[Källa: .*\]\(https:\/\/orebroforetag\.coompanion\.eu\/sa-handlar-du-av-sociala-foretag\/\)$/,
    );
    const all = actions(card);
    expect(all.filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url)).toContain(
      'https://radgivning.example',
    );
    expect(all.filter((a) => a.data?.action === 'feedback').map((a) => a.data.vote)).toEqual(['up', 'down']);
  });

  it('answers in the language of the question', async () => {
    const question = personal('What is a reserved tender?');
    await post(sofo.url, question);
    const card = cardOf(await replyTo(question));
    expect(texts(card)[0]).toBe('What is a reserved tender?');
    expect(actions(card).find((a) => a.data?.action === 'feedback')?.data.lang).toBe('en');
  });

  it('answers a channel mention in the thread of the question', async () => {
    const question = channel('<at>Chat SDK Demo</at> vad är en reserverad upphandling?');
    await post(sofo.url, question);
    const reply = await replyTo(question);
    expect(route(reply).conversation).toMatch(/;messageid=/);
    expect(askedQuestion(reply)).toBe('vad är en reserverad upphandling?');
  });

  it.each([
    ['at the start', '<at>Sofo</at> vem kan jag kontakta i Ekby?', [mention('Sofo')]],
    ['in the middle', 'Hej <at>Sofo</at>, vem kan jag kontakta i Ekby?', [mention('Sofo')]],
    ['at the end', 'vem kan jag kontakta i Ekby? <at>Sofo</at>', [mention('Sofo')]],
    [
      'twice, under another display name',
      '<at>Inköpshjälpen</at> vem kan jag kontakta i Ekby? <at>Inköpshjälpen</at>',
      [mention('Inköpshjälpen')],
    ],
    [
      'wrapped in line breaks, the entity without its text',
      '\r\n<at>Sofo</at> vem kan jag kontakta i Ekby?\r\n',
      [{ type: 'mention', mentioned: { id: BOT_ID, name: 'Sofo' } }],
    ],
  ])('strips the bot mention %s before matching', async (_where, text, entities) => {
    const question = channel(text as string, entities as Json[]);
    await post(sofo.url, question);
    const reply = await replyTo(question);
    const asked = askedQuestion(reply);
    expect(asked).toMatch(/vem kan jag kontakta i Ekby\?$/);
    expect(asked).not.toMatch(/Sofo|Inköpshjälpen|<at>/);
    expect(texts(cardOf(reply)).join('\n')).toMatch(/Maja Holm|Karin Dahl/);
  });

  it("keeps another person's mention as a name and turns Teams' HTML into plain text", async () => {
    const question = channel(
      '<at>Sofo</at> <p>Vad&nbsp;är en <b>reserverad</b> upphandling, <at>Alice</at>?&#160;</p>',
      [mention('Sofo'), mention('Alice', '29:alice')],
    );
    await post(sofo.url, question);
    expect(askedQuestion(await replyTo(question))).toBe('Vad är en reserverad upphandling, Alice?');
  });

  it('ignores a channel message that does not mention Sofo', async () => {
    const question = channel('vad är en reserverad upphandling?', [mention('Alice', '29:alice')]);
    expect((await post(sofo.url, question)).status).toBe(200);
    await sleep(50);
    expect(callsTo(question.conversation.id)).toHaveLength(0);
  });

  it('answers an activity once when Teams delivers it again', async () => {
    const question = personal('kaffe');
    const statuses = await Promise.all([post(sofo.url, question), post(sofo.url, question)]);
    statuses.push(await post(sofo.url, question));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    await replyTo(question);
    await sleep(100);
    expect(callsTo(question.conversation.id)).toHaveLength(1);
  });

  it('`kontakt <sökord>` finds contact persons', async () => {
    const question = personal('kontakt ekby');
    await post(sofo.url, question);
    const shown = texts(cardOf(await replyTo(question))).join('\n');
    expect(shown).toMatch(/Maja Holm[\s\S]*Karin Dahl|Karin Dahl[\s\S]*Maja Holm/);
    expect(shown).toContain('mailto:maja.holm@ekby.example');
  });

  it('`hjälp` and `help` show what Sofo can do, in that language', async () => {
    const sv = personal('hjälp');
    const en = personal('help');
    await Promise.all([post(sofo.url, sv), post(sofo.url, en)]);
    expect(texts(cardOf(await replyTo(sv)))[0]).toBe('Det här kan Sofo');
    expect(texts(cardOf(await replyTo(en)))[0]).toBe('What Sofo can do');
  });

  it('offers clarify candidates as buttons, and a click answers with that entry', async () => {
    const conversation = 'a:personal-clarify';
    const question = personal('samverket', conversation);
    await post(sofo.url, question);
    const card = cardOf(await replyTo(question));
    const choices = actions(card).filter((a) => a.data?.action === 'choose');
    expect(choices.length).toBeGreaterThanOrEqual(2);
    const chosen = choices.find((a) => a.data.id === 'case-norrvik-cleaning');
    expect(chosen).toMatchObject({ type: 'Action.Submit', data: { lang: 'sv', q: 'samverket' } });

    const click = activity('adaptive_card_action_submit_message.json', connectorUrl, {
      value: chosen?.data,
      replyToId: 'sofo-card-1',
      conversation: { id: conversation, conversationType: 'personal' },
    });
    await post(sofo.url, click);
    const answer = await replyTo(click);
    expect(texts(cardOf(answer))[0]).toMatch(/Region Norrviks städning/);
  });

  it('logs a failed turn, and answers Teams without a stack trace', async () => {
    const question = personal('hej', 'a:broken-connector');
    const res = await post(sofo.url, question);
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).not.toMatch(/\bat \w+ \(|node_modules/);
    expect(log.some((l) => l.startsWith('teams: message in a:broken-connector failed'))).toBe(true);
  });
});

describe('card buttons', () => {
  /** An answer card as Sofo posted it, and one of its feedback buttons. */
  async function answered(text: string, vote: 'up' | 'down') {
    const question = personal(text);
    await post(sofo.url, question);
    const reply = await replyTo(question);
    const button = actions(cardOf(reply)).find((a) => a.data?.action === 'feedback' && a.data.vote === vote);
    return { question, button: button as Json };
  }

  it('👍 (Action.Submit) stores the vote without the user id in clear and updates the card in place', async () => {
    const { question, button } = await answered('vad är en reserverad upphandling?', 'up');
    const click = activity('adaptive_card_action_submit_message.json', connectorUrl, {
      value: button.data,
      replyToId: 'sofo-card-42',
      conversation: { id: question.conversation.id, conversationType: 'personal' },
    });
    expect((await post(sofo.url, click)).status).toBe(200);
    const update = await connector.waitFor(
      (c) => c.method === 'PUT' && route(c).conversation === question.conversation.id,
    );
    expect(route(update).activity).toBe('sofo-card-42');
    const card = cardOf(update);
    expect(texts(card)).toContain('👍 Tack för din återkoppling!');
    expect(actions(card).filter((a) => a.data?.action === 'feedback')).toHaveLength(0);
    expect(texts(card)[0]).toBe('Vad är en reserverad upphandling?');
    // Only the answer itself was posted there: the vote updated it, and posted nothing new.
    expect(callsTo(question.conversation.id).filter((c) => c.method === 'POST')).toHaveLength(1);

    const record = store.feedback.find((f) => f.question === 'vad är en reserverad upphandling?');
    expect(record).toMatchObject({ entryId: 'concept-reserved-tender', vote: 'up', platform: 'teams' });
    expect(record?.user).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(store.feedback)).not.toMatch(new RegExp(`${AAD_ID}|${USER_ID.slice(3, 20)}`));
  });

  it('👎 (Action.Execute) stores the vote and returns the updated card in the invoke response', async () => {
    const { button } = await answered('What is a reserved tender?', 'down');
    const invoke = activity('adaptive_card_action_invoke.json', connectorUrl, {
      value: {
        action: { type: 'Action.Execute', title: button.title, data: button.data },
        trigger: 'manual',
      },
    });
    const res = await post(sofo.url, invoke);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(texts(body.value)).toContain('👎 Thanks! We use it to improve the answers.');
    expect(store.feedback.find((f) => f.question === 'What is a reserved tender?')?.vote).toBe('down');
    expect(callsTo(invoke.conversation.id).filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('a clarify choice by Action.Execute turns the card into that answer', async () => {
    const invoke = activity('adaptive_card_action_invoke.json', connectorUrl, {
      value: {
        action: {
          type: 'Action.Execute',
          data: { action: 'choose', id: 'concept-work-integration', lang: 'en', q: 'wise' },
        },
        trigger: 'manual',
      },
    });
    const body = (await (await post(sofo.url, invoke)).json()) as Json;
    expect(body.statusCode).toBe(200);
    expect(texts(body.value)[0]).toMatch(/^Work-integration social enterprises/);
  });

  it("ignores other apps' button data: nothing stored, nothing posted", async () => {
    const before = store.feedback.length;
    const submit = activity('adaptive_card_action_submit_message.json', connectorUrl, {
      conversation: { id: '19:foreign-submit@thread.tacv2' },
    });
    expect((await post(sofo.url, submit)).status).toBe(200);
    const execute = activity('adaptive_card_action_invoke.json', connectorUrl, {
      conversation: { id: 'a:foreign-execute' },
    });
    const res = await post(sofo.url, execute);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).value.code).toBe('BadRequest');
    await sleep(50);
    expect(callsTo('19:foreign-submit@thread.tacv2')).toHaveLength(0);
    expect(callsTo('a:foreign-execute')).toHaveLength(0);
    expect(store.feedback).toHaveLength(before);
  });
});

describe('welcome', () => {
  it('greets once when added to a team (in English for an English client), stores the reference, and forgets it on removal', async () => {
    const team = '19:welcome-team@thread.tacv2';
    const install = activity('installation_update_add_team.json', connectorUrl, {
      conversation: { id: team },
    });
    const added = activity('conversation_update_bot_added_to_team.json', connectorUrl, {
      locale: 'en-US',
      conversation: { id: team },
    });
    const statuses = await Promise.all([post(sofo.url, install), post(sofo.url, added)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    await sleep(50);
    const posts = callsTo(team).filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    const card = cardOf(posts[0] as Recorded);
    expect(texts(card)[0]).toBe("Hi! I'm Sofo");
    expect(texts(card).join('\n')).toMatch(/How to ask[\s\S]*How others have done it/);
    expect(actions(card).filter((a) => a.data?.action === 'choose').length).toBe(
      fixtureEngine().kb.entries.filter((e) => e.type === 'case').length,
    );

    const stored = (await store.listConversations()).find((c) => c.id === team);
    expect(stored).toMatchObject({
      platform: 'teams',
      reference: {
        serviceUrl: `${connectorUrl}/`,
        conversation: { id: team, tenantId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' },
        bot: { id: BOT_ID },
      },
    });
    expect(JSON.stringify(stored)).not.toContain(AAD_ID);
    expect(JSON.stringify(stored)).not.toContain(USER_ID);

    // Installed again later (an upgrade): no second greeting.
    await post(sofo.url, { ...install, id: 'f:upgrade', action: 'add-upgrade' });
    await post(sofo.url, { ...install, id: 'f:again' });
    await sleep(50);
    expect(callsTo(team).filter((c) => c.method === 'POST')).toHaveLength(1);

    const removed = activity('installation_update_add_team.json', connectorUrl, {
      action: 'remove',
      conversation: { id: team },
    });
    expect((await post(sofo.url, removed)).status).toBe(200);
    expect((await store.listConversations()).find((c) => c.id === team)).toBeUndefined();
  });

  it('greets a personal chat in Swedish, and forgets it when the bot is removed as a member', async () => {
    const chat = 'a:welcome-personal';
    const added = activity('conversation_update_bot_added_to_team.json', connectorUrl, {
      channelData: { tenant: { id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' } },
      conversation: { id: chat, conversationType: 'personal', isGroup: false },
    });
    await post(sofo.url, added);
    const welcome = await connector.waitFor((c) => route(c).conversation === chat);
    expect(texts(cardOf(welcome))[0]).toBe('Hej! Jag är Sofo');
    expect((await store.listConversations()).map((c) => c.id)).toContain(chat);

    const gone = { ...added, id: 'f:removed', membersAdded: undefined, membersRemoved: [{ id: BOT_ID }] };
    await post(sofo.url, gone);
    expect((await store.listConversations()).map((c) => c.id)).not.toContain(chat);
  });

  it('says nothing when someone else joins', async () => {
    const team = '19:someone-joined@thread.tacv2';
    const joined = activity('conversation_update_bot_added_to_team.json', connectorUrl, {
      membersAdded: [{ id: '29:someone-else' }],
      conversation: { id: team },
    });
    expect((await post(sofo.url, joined)).status).toBe(200);
    await sleep(50);
    expect(callsTo(team)).toHaveLength(0);
    expect((await store.listConversations()).map((c) => c.id)).not.toContain(team);
  });
});

describe('contact search (messaging extension)', () => {
  const search = (value: Json) =>
    activity('compose_extension_query.json', connectorUrl, {
      value: { ...value, queryOptions: { skip: 0, count: 25 } },
    });

  it('returns matching contact persons as cards with a preview', async () => {
    const res = await post(
      sofo.url,
      search({ commandId: 'kontakt', parameters: [{ name: 'query', value: 'ekby' }] }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    const results = body.composeExtension.attachments as Json[];
    expect(results.map((r) => r.preview.content.title).sort()).toEqual(['Karin Dahl', 'Maja Holm']);
    for (const r of results) {
      expect(r.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(r.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
      expect(r.content.version).toBe('1.5');
    }
    expect(JSON.stringify(results)).toContain('mailto:maja.holm@ekby.example');
  });

  it('lists everyone on the first run, and no one for a search that finds no one', async () => {
    const first = (await (
      await post(
        sofo.url,
        search({ commandId: 'kontakt', parameters: [{ name: 'initialRun', value: 'true' }] }),
      )
    ).json()) as Json;
    expect(first.composeExtension.attachments).toHaveLength(fixtureEngine().kb.contacts.length);
    const none = (await (
      await post(
        sofo.url,
        search({ commandId: 'kontakt', parameters: [{ name: 'query', value: 'kvantfysik' }] }),
      )
    ).json()) as Json;
    expect(none.composeExtension.attachments).toEqual([]);
  });

  it('refuses a command it does not have', async () => {
    const res = await post(sofo.url, activity('compose_extension_query.json', connectorUrl));
    expect(res.status).toBe(400);
  });
});

describe('bad input', () => {
  const base = () => personal('vad är en reserverad upphandling?', 'a:bad-input');
  const without = (field: string) => {
    const a = base();
    delete a[field];
    return a;
  };

  it.each([
    ['no type', 400, () => without('type')],
    ['no from', 400, () => without('from')],
    ['no conversation', 400, () => without('conversation')],
    [
      'a conversation without an id',
      400,
      () => ({ ...base(), conversation: { conversationType: 'personal' } }),
    ],
    ['no serviceUrl', 400, () => without('serviceUrl')],
    ['a list instead of an activity', 400, () => [base()]],
    ['a text of 100,000 characters', 400, () => ({ ...base(), text: 'x'.repeat(100_000) })],
    ['an invoke without a name', 400, () => ({ ...base(), type: 'invoke' })],
    [
      'an Action.Execute without an action',
      400,
      () => ({ ...base(), type: 'invoke', name: 'adaptiveCard/action' }),
    ],
    [
      'a serviceUrl off this machine, unauthenticated',
      403,
      () => ({ ...base(), serviceUrl: 'https://evil.example/' }),
    ],
    ['a body over 256 KB', 413, () => ({ ...base(), text: 'x'.repeat(300_000) })],
    ['malformed JSON', 400, () => '{"type": "message", '],
  ])('%s gets %i with a JSON error, and nothing is posted', async (_name, status, make) => {
    const res = await post(sofo.url, make());
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text)).toHaveProperty('error');
    expect(text).not.toMatch(/\bat \w+ \(|node_modules/);
    expect(callsTo('a:bad-input')).toHaveLength(0);
  });

  it('does nothing for an activity type it does not know (200), and 501s an unknown invoke', async () => {
    expect((await post(sofo.url, { ...base(), type: 'somethingNew' })).status).toBe(200);
    expect((await post(sofo.url, { ...base(), type: 'typing' })).status).toBe(200);
    expect((await post(sofo.url, { ...base(), type: 'invoke', name: 'no/such-invoke' })).status).toBe(501);
    await sleep(50);
    expect(callsTo('a:bad-input')).toHaveLength(0);
  });

  it('keeps serving afterwards', async () => {
    expect((await fetch(`${sofo.url}/healthz`, { headers: { connection: 'close' } })).status).toBe(200);
    const question = personal('hej');
    await post(sofo.url, question);
    await replyTo(question);
  });
});

describe('with MicrosoftAppId set', () => {
  let secured: Running;
  beforeAll(async () => {
    // botbuilder's CloudAdapter.process prints every refused token with console.error; keep the output clean.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    secured = await startServer(
      // A single-tenant bot, the default and what Azure creates today.
      testConfig({
        PORT: '0',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret',
        MicrosoftAppTenantId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
      }),
      { store: new MemoryStore(), log: () => undefined, host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await secured?.stop();
    jest.restoreAllMocks();
  });

  it.each([
    ['no Authorization header', {}],
    ['a garbage token', { authorization: 'Bearer not-a-jwt' }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('refuses %s with 401 and posts nothing', async (_name, headers) => {
    const question = personal('vad är en reserverad upphandling?', 'a:unauthenticated');
    // A real Bot Connector address: the token check, not the loopback rule, must be what refuses it.
    question.serviceUrl = 'https://smba.trafficmanager.net/amer/';
    const res = await post(secured.url, question, headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect(callsTo('a:unauthenticated')).toHaveLength(0);
  });
});

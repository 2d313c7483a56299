import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { testConfig } from './helpers/engine';
import type { HttpDouble, Recorded } from './helpers/http-double';
import { fixture, nextTs, sendEvent, sendForm, signed, slackApiDouble, slackEnv } from './helpers/slack';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that tests reach into
type Json = Record<string, any>;

let api: HttpDouble;
let apiBase: string;
let sofo: Running;
let store: MemoryStore;
let dir: string;
const log: string[] = [];

beforeAll(async () => {
  api = slackApiDouble();
  apiBase = await api.start();
  dir = mkdtempSync(join(tmpdir(), 'sofo-slack-'));
  store = new MemoryStore();
  const config = testConfig({
    ...slackEnv(apiBase, dir),
  });
  sofo = await startServer(config, { store, log: (l) => log.push(l), host: '127.0.0.1' });
});

afterAll(async () => {
  // If start-up failed, there is no server, but the double must still close or Jest never exits.
  await sofo?.stop();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** An event_callback built from a fixture, with a fresh event id and ts and the given event fields. */
function event(name: string, fields: Json): Json {
  const body = fixture<Json>(name);
  const ts = nextTs();
  body.event_id = `Ev${ts.replace('.', '')}`;
  body.event = { ...body.event, ts, event_ts: ts, ...fields };
  return body;
}

const posts = (channel: string) => api.to('chat.postMessage').filter((c) => c.body.channel === channel);
const postFor = (ts: string) =>
  api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === ts);
const blockText = (call: Recorded) => JSON.stringify(call.body.blocks);

describe('Slack Events API over HTTP', () => {
  it('answers the URL verification handshake', async () => {
    const res = await sendEvent(sofo.url, fixture('url_verification.json'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(fixture<Json>('url_verification.json').challenge);
  });

  it('answers a mention in the thread of the question, rendered as Block Kit', async () => {
    const body = event('app_mention_channel.json', {
      text: '<@U000FAKEBOT> vad är en reserverad upphandling?',
    });
    const res = await sendEvent(sofo.url, body);
    expect(res.status).toBe(200);
    const post = await postFor(body.event.ts);
    expect(post.body.channel).toBe('C000FAKECHN1');
    expect(post.body.text).toMatch(/reserverad upphandling/i);
    const blocks = post.body.blocks as Json[];
    expect(blocks[0]).toMatchObject({ type: 'header' });
    expect(blockText(post)).toContain('sofo_feedback_up');
    expect(blockText(post)).toContain('Källa');
  });

  it('finds the question wherever the mention stands, whatever the bot is called, on Enterprise Grid too', async () => {
    const body = event('app_mention_channel.json', {
      text: 'Hej <@W0GRIDBOT99>! Vem kan jag kontakta i Ekby? <@W0OTHERUSR>',
      user: 'W0GRIDUSER1',
    });
    body.enterprise_id = 'E000FAKE';
    body.authorizations = [
      {
        enterprise_id: 'E000FAKE',
        team_id: null,
        user_id: 'W0GRIDBOT99',
        is_bot: true,
        is_enterprise_install: true,
      },
    ];
    await sendEvent(sofo.url, body);
    const post = await postFor(body.event.ts);
    expect(blockText(post)).toMatch(/Maja Holm|Karin Dahl/);
  });

  it('replies inside the existing thread when mentioned in a thread', async () => {
    const body = event('app_mention_thread.json', { text: '<@U000FAKEBOT> What is a reserved tender?' });
    await sendEvent(sofo.url, body);
    const post = await postFor(body.event.thread_ts);
    expect(post.body.text).toMatch(/reserved tender/i);
  });

  it('answers a direct message in the DM, in the language of the question', async () => {
    const body = event('message_im.json', { text: 'Who runs this website?' });
    await sendEvent(sofo.url, body);
    const post = await api.waitFor(
      (c) =>
        c.path.endsWith('chat.postMessage') &&
        c.body.channel === body.event.channel &&
        JSON.stringify(c.body).includes('About this service'),
    );
    expect(post.body.thread_ts).toBeUndefined();
    expect(post.body.text).toMatch(/service/i);
  });

  it('ignores its own messages, other bots, edits and deletions', async () => {
    const channel = 'D0IGNORED1';
    const ignored = [
      event('message_bot_self.json', { channel, channel_type: 'im' }),
      event('message_subtype_bot_message.json', { channel, channel_type: 'im' }),
      event('message_changed_bot_self.json', { channel, channel_type: 'im' }),
      event('message_im.json', { channel, subtype: 'message_deleted' }),
      event('message_im.json', { channel, bot_id: 'B0OTHERBOT', text: 'hej' }),
    ];
    for (const body of ignored) expect((await sendEvent(sofo.url, body)).status).toBe(200);
    // A real question afterwards is answered: by then the ignored ones have been handled too.
    const real = event('message_im.json', { channel, text: 'hej' });
    await sendEvent(sofo.url, real);
    await api.waitFor((c) => c.body.channel === channel);
    await new Promise((r) => setTimeout(r, 100));
    expect(posts(channel)).toHaveLength(1);
  });

  it('answers a retried event once', async () => {
    const channel = 'C0RETRIES1';
    const body = event('app_mention_channel.json', { channel, text: '<@U000FAKEBOT> kaffe' });
    await Promise.all([
      sendEvent(sofo.url, body),
      sendEvent(sofo.url, body, {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      }),
    ]);
    await sendEvent(sofo.url, body, {
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
    });
    await api.waitFor((c) => c.body.channel === channel);
    await new Promise((r) => setTimeout(r, 150));
    expect(posts(channel)).toHaveLength(1);
  });

  it('rejects a bad signature and a stale timestamp with 401, and posts nothing', async () => {
    const channel = 'C0FORGED01';
    const bad = await sendEvent(sofo.url, event('app_mention_channel.json', { channel }), {
      secret: 'wrong',
    });
    const stale = await sendEvent(sofo.url, event('app_mention_channel.json', { channel }), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect([bad.status, stale.status]).toEqual([401, 401]);
    expect(posts(channel)).toHaveLength(0);
  });

  it('refuses oversized and malformed bodies with 4xx and keeps serving', async () => {
    const huge = event('app_mention_channel.json', { text: 'x'.repeat(400_000) });
    expect((await sendEvent(sofo.url, huge)).status).toBe(413);
    const malformed = '{"type": "event_callback", ';
    const res = await fetch(`${sofo.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed(malformed) },
      body: malformed,
    });
    expect(res.status).toBe(400);
    // A fresh connection: the refused upload's connection is closed by the server, as it should be.
    expect((await fetch(`${sofo.url}/healthz`, { headers: { connection: 'close' } })).status).toBe(200);
  });
});

describe('slash commands', () => {
  const command = (name: string, text: string) => ({
    ...fixture<Record<string, string>>('slash_command.decoded.json'),
    command: name,
    text,
    response_url: `${apiBase}/response/${name.slice(1)}`,
  });

  it('/sofo <fråga> answers ephemerally in the acknowledgement, with a share button', async () => {
    const res = await sendForm(sofo.url, command('/sofo', 'kan vi reservera en upphandling?'));
    expect(res.status).toBe(200);
    const reply = (await res.json()) as Json;
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('sofo_share');
  });

  it('/sofo alone shows help', async () => {
    const reply = (await (await sendForm(sofo.url, command('/sofo', ''))).json()) as Json;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/Sofo/);
  });

  it('/kontakt finds people by place, and lists everyone when nothing matches', async () => {
    const found = (await (await sendForm(sofo.url, command('/kontakt', 'ekby'))).json()) as Json;
    expect(JSON.stringify(found.blocks)).toMatch(/Maja Holm[\s\S]*Karin Dahl|Karin Dahl[\s\S]*Maja Holm/);
    expect(JSON.stringify(found.blocks)).toContain('mailto:maja.holm@ekby.example');
    const none = (await (await sendForm(sofo.url, command('/kontakt', 'kvantfysik'))).json()) as Json;
    expect(none.text).toMatch(/ingen kontaktperson/i);
    expect(JSON.stringify(none.blocks)).toContain('Olof Nyström');
  });
});

describe('buttons', () => {
  /** A block_actions payload from the fixture, clicking one of our buttons on a message of ours. */
  function click(actionId: string, value: Json, container: Json = {}): Record<string, string> {
    const payload = fixture<Json>('block_actions_button.json');
    const messageTs = nextTs();
    payload.container = { ...payload.container, message_ts: messageTs, ...container };
    payload.message = {
      ...payload.message,
      ts: messageTs,
      blocks: [
        { type: 'section', block_id: 'a', text: { type: 'mrkdwn', text: 'svar' } },
        { type: 'actions', block_id: 'sofo_feedback', elements: [] },
      ],
    };
    payload.actions = [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'sofo_feedback',
        value: JSON.stringify(value),
        action_ts: messageTs,
        text: { type: 'plain_text', text: 'x' },
      },
    ];
    payload.response_url = `${apiBase}/response/${messageTs}`;
    return { payload: JSON.stringify(payload) };
  }

  it('👍 in a DM records the vote without the user id in clear and updates the message in place', async () => {
    const value = { id: 'concept-reserved-tender', lang: 'sv', q: 'vad är en reserverad upphandling?' };
    const payload = JSON.parse(click('sofo_feedback_up', value).payload ?? '{}');
    payload.channel = { id: 'D0VOTEDM01', name: 'directmessage' };
    payload.container.channel_id = 'D0VOTEDM01';
    const form = { payload: JSON.stringify(payload) };
    const ts = payload.container.message_ts;
    expect((await sendForm(sofo.url, form)).status).toBe(200);
    const update = await api.waitFor((c) => c.path.endsWith('chat.update') && c.body.ts === ts);
    expect(blockText(update)).not.toContain('sofo_feedback"');
    expect(blockText(update)).toContain('Tack för din återkoppling');
    expect(api.to('chat.postMessage').filter((c) => c.body.thread_ts === ts)).toHaveLength(0);
    const record = store.feedback.find((f) => f.question === value.q);
    expect(record).toMatchObject({ entryId: value.id, vote: 'up', platform: 'slack' });
    expect(JSON.stringify(store.feedback)).not.toContain('U000FAKEUSR1');
  });

  it('👎 on an ephemeral answer updates it through response_url', async () => {
    const form = click(
      'sofo_feedback_down',
      { id: 'about-service', lang: 'en', q: 'who made this?' },
      { is_ephemeral: true },
    );
    const ts = JSON.parse(form.payload ?? '{}').container.message_ts;
    await sendForm(sofo.url, form);
    const update = await api.waitFor((c) => c.path === `/response/${ts}`);
    expect(update.body).toMatchObject({ replace_original: true });
    expect(store.feedback.find((f) => f.question === 'who made this?')?.vote).toBe('down');
  });

  it('a vote on an ephemeral "I don\'t know" keeps the answer on screen', async () => {
    const q = 'Hur bokar jag ett mötesrum i Outlook?';
    const form = click('sofo_feedback_up', { id: 'fallback', lang: 'sv', q }, { is_ephemeral: true });
    const payload = JSON.parse(form.payload ?? '{}');
    delete payload.message; // Slack sends no message back for an ephemeral one
    await sendForm(sofo.url, { payload: JSON.stringify(payload) });
    const update = await api.waitFor((c) => c.path === `/response/${payload.container.message_ts}`);
    expect(JSON.stringify(update.body.blocks)).toMatch(
      /Det vet jag tyvärr inte[\s\S]*Tack för din återkoppling/,
    );
  });

  it('a clarify choice answers with that entry in the same thread', async () => {
    const form = click('sofo_choose:1', { id: 'case-norrvik-cleaning', lang: 'sv', q: 'samverket' });
    await sendForm(sofo.url, form);
    const thread = fixture<Json>('block_actions_button.json').container.thread_ts;
    const post = await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === thread);
    expect(post.body.channel).toBe('C000FAKECHN1');
    expect(post.body.text).toMatch(/Region Norrvik/);
  });

  it('sharing posts the answer in the channel with the question escaped, and removes the ephemeral one', async () => {
    const form = click(
      'sofo_share',
      { id: 'concept-work-integration', lang: 'sv', q: '<!channel> vad är ASF?' },
      { is_ephemeral: true },
    );
    const ts = JSON.parse(form.payload ?? '{}').container.message_ts;
    await sendForm(sofo.url, form);
    const shared = await api.waitFor(
      (c) => c.path === `/response/${ts}` && c.body.response_type === 'in_channel',
    );
    const context = JSON.stringify((shared.body.blocks as Json[])[0]);
    expect(context).toContain('&lt;!channel&gt;');
    expect(context).not.toContain('<!channel>');
    await api.waitFor((c) => c.path === `/response/${ts}` && c.body.delete_original === true);
  });
});

describe('App Home', () => {
  it('publishes the home tab when a user opens it', async () => {
    await sendEvent(sofo.url, event('app_home_opened_home.json', { user: 'U0HOMEUSER' }));
    const publish = await api.waitFor(
      (c) => c.path.endsWith('views.publish') && c.body.user_id === 'U0HOMEUSER',
    );
    const view = publish.body.view as Json;
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toMatch(/Så har andra gjort[\s\S]*Kontaktpersoner/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { fixture, nextTs, sendEvent, sendForm, slackApiDouble, slackEnv } from './helpers/slack';
import { messageProblems } from './helpers/slack-text';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that tests reach into
type Json = Record<string, any>;

/**
 * Slack the way its users expect it: their language where Sofo speaks unasked, only Slack's commands
 * in Slack's help, a vote that changes nothing on other people's screens, and notification texts
 * without Markdown. Over HTTP against the Slack Web API double, as in slack.test.ts.
 */
let api: HttpDouble;
let apiBase: string;
let sofo: Running;
let store: MemoryStore;
let dir: string;
/** Every slash-command acknowledgement Sofo sent, for the sweep at the end. */
const acks: Json[] = [];

beforeAll(async () => {
  api = slackApiDouble();
  apiBase = await api.start();
  dir = mkdtempSync(join(tmpdir(), 'sofo-slack-conv-'));
  store = new MemoryStore();
  const config = testConfig({
    ...slackEnv(apiBase, dir),
  });
  sofo = await startServer(config, { store, log: () => undefined, host: '127.0.0.1' });
});

afterAll(async () => {
  await sofo?.stop();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

function event(name: string, fields: Json): Json {
  const body = fixture<Json>(name);
  const ts = nextTs();
  body.event_id = `Ev${ts.replace('.', '')}`;
  body.event = { ...body.event, ts, event_ts: ts, ...fields };
  return body;
}

async function slash(name: string, text: string, fields: Record<string, string> = {}): Promise<Json> {
  const res = await sendForm(sofo.url, {
    ...fixture<Record<string, string>>('slash_command.decoded.json'),
    command: name,
    text,
    response_url: `${apiBase}/response/${nextTs()}`,
    ...fields,
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Json;
  acks.push(body);
  return body;
}

async function openHome(user: string): Promise<Json> {
  const before = api.to('views.publish').length;
  await sendEvent(sofo.url, event('app_home_opened_home.json', { user }));
  const publish = await api.waitFor(
    (c) => c.path.endsWith('views.publish') && c.body.user_id === user && api.calls.indexOf(c) >= before,
  );
  return publish.body.view as Json;
}

const usersInfo = (user: string) => api.to('users.info').filter((c) => c.body.user === user);

describe('the language Sofo speaks unasked', () => {
  it("an English Slack user's Home tab is English, a Swedish user's Swedish, and the locale is asked once", async () => {
    const english = JSON.stringify((await openHome('U0ENHOME01')).blocks);
    expect(english).toMatch(/How to ask[\s\S]*How others have done it[\s\S]*Contact persons/);
    expect(english).not.toMatch(/Så har andra gjort|Kontaktpersoner/);
    const swedish = JSON.stringify((await openHome('U0SVHOME01')).blocks);
    expect(swedish).toMatch(/Så frågar du[\s\S]*Så har andra gjort[\s\S]*Kontaktpersoner/);
    await openHome('U0ENHOME01');
    expect(usersInfo('U0ENHOME01')).toHaveLength(1);
    expect(usersInfo('U0ENHOME01')[0]?.body.include_locale).toBe('true');
  });

  it('without a locale (users.info fails), the Home tab follows the language of the last question', async () => {
    const user = 'U_missing_scope';
    const dm = event('message_im.json', {
      user,
      channel: 'D0LASTLANG',
      text: 'What is a reserved tender?',
    });
    await sendEvent(sofo.url, dm);
    await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.channel === 'D0LASTLANG');
    expect(JSON.stringify((await openHome(user)).blocks)).toMatch(/How others have done it/);
  });

  it('`/sofo` alone answers in the user’s language', async () => {
    expect((await slash('/sofo', '', { user_id: 'U0ENHELP01' })).text).toMatch(/What Sofo can do/);
    expect((await slash('/sofo', '', { user_id: 'U0SVHELP01' })).text).toMatch(/Det här kan Sofo/);
  });
});

describe("Slack's help names Slack's commands only", () => {
  it('in the Home tab and in `/sofo` help, in both languages', async () => {
    const surfaces = [
      JSON.stringify((await openHome('U0ENHOME02')).blocks),
      JSON.stringify((await openHome('U0SVHOME02')).blocks),
      JSON.stringify(await slash('/sofo', '', { user_id: 'U0ENHELP02' })),
      JSON.stringify(await slash('/sofo', '', { user_id: 'U0SVHELP02' })),
    ];
    for (const shown of surfaces) {
      expect(shown).toContain('/sofo');
      expect(shown).toContain('/kontakt');
      expect(shown).not.toMatch(/Teams|`hjälp`|`help`|`exempel`|`examples`/);
    }
  });
});

describe('votes per person', () => {
  /** A click on a 👍/👎 of one message in a channel, by one user, with their own response_url. */
  function vote(user: string, actionId: string, messageTs: string, value: Json): Json {
    const payload = fixture<Json>('block_actions_button.json');
    payload.user = { ...payload.user, id: user, username: user, name: user };
    payload.container = { ...payload.container, message_ts: messageTs, channel_id: 'C0VOTES001' };
    payload.channel = { id: 'C0VOTES001', name: 'inköp' };
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
        action_ts: nextTs(),
        text: { type: 'plain_text', text: 'x' },
      },
    ];
    payload.response_url = `${apiBase}/response/vote-${user}`;
    return payload;
  }

  it('two users in one channel each see their own thanks; the shared message keeps its buttons', async () => {
    const ts = nextTs();
    const value = { id: 'concept-reserved-tender', lang: 'sv', q: 'vem röstar hur?' };
    await sendForm(sofo.url, { payload: JSON.stringify(vote('U0VOTER001', 'sofo_feedback_up', ts, value)) });
    await sendForm(sofo.url, {
      payload: JSON.stringify(vote('U0VOTER002', 'sofo_feedback_down', ts, value)),
    });
    const first = await api.waitFor((c) => c.path === '/response/vote-U0VOTER001');
    const second = await api.waitFor((c) => c.path === '/response/vote-U0VOTER002');
    expect(first.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(first.body.text).toMatch(/^👍 Tack/);
    expect(second.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(second.body.text).toMatch(/^👎 Tack/);
    // Nobody changed the message everyone sees.
    expect(api.to('chat.update').filter((c) => c.body.ts === ts)).toHaveLength(0);
    const votes = store.feedback.filter((f) => f.question === value.q);
    expect(votes.map((v) => v.vote).sort()).toEqual(['down', 'up']);
    expect(new Set(votes.map((v) => v.user)).size).toBe(2);
  });
});

describe('contact details say where they come from', () => {
  const PAGE = 'https://orebroforetag.coompanion.eu/sa-handlar-du-av-sociala-foretag/';

  it('in `/kontakt` answers and in the Home tab’s directory: the guide, with its page', async () => {
    const found = JSON.stringify((await slash('/kontakt', 'ekby')).blocks);
    expect(found).toMatch(/Kontaktuppgifterna kommer från guiden/);
    expect(found).toContain(`<${PAGE}|Kontaktuppgifterna kommer från guiden`);
    const everyone = JSON.stringify((await slash('/kontakt', '', { user_id: 'U0ENDIR001' })).blocks);
    expect(everyone).toMatch(/The contact details come from the guide/);
    const home = JSON.stringify((await openHome('U0SVHOME03')).blocks);
    expect(home).toMatch(/Kontaktpersoner\*"\}\},\{"type":"context"/);
    expect(home).toContain(`<${PAGE}|Kontaktuppgifterna kommer från guiden`);
  });
});

describe('plain-text fallbacks and escaped mrkdwn', () => {
  it('no Markdown markers in any `text`, no raw <, >, & in any mrkdwn, in everything Sofo sent', async () => {
    const asked = [
      '<@U000FAKEBOT> vad är en reserverad upphandling?',
      '<@U000FAKEBOT> What is a reserved tender?',
      '<@U000FAKEBOT> Samverket',
      '<@U000FAKEBOT> hjälp',
      '<@U000FAKEBOT> visa exemplen',
      '<@U000FAKEBOT> <!channel> & <b>fet</b> kvantfysik?',
    ];
    for (const text of asked) {
      const body = event('app_mention_channel.json', { channel: 'C0SWEEP001', text });
      await sendEvent(sofo.url, body);
      await api.waitFor((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === body.event.ts);
    }
    await slash('/sofo', 'kan vi reservera en upphandling?');
    await slash('/kontakt', '');
    await slash('/kontakt', 'ekby');
    await openHome('U0SWEEP001');
    await openHome('U0ENSWEEP1');

    const sent = [
      ...api.calls.filter((c) => /chat\.(postMessage|update)$|\/response\//.test(c.path)).map((c) => c.body),
      ...api.to('views.publish').map((c) => c.body.view as Json),
      ...acks,
    ];
    expect(sent.length).toBeGreaterThan(15);
    expect(sent.flatMap((m) => messageProblems(m))).toEqual([]);
  });
});

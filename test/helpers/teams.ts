import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpDouble, type Recorded } from './http-double';

/** The bot and user of the fixtures (test/fixtures/teams/, see shared/fixtures/INDEX.md). */
export const BOT_ID = '28:11111111-2222-3333-4444-555555555555';
export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const USER_ID = '29:1xXxFakeUserBase64IdStringForTeamsPlatformAbcDeFgHiJkLmNoPqRsTuVwXyZ012345ABCDEF';
export const AAD_ID = '00000000-1111-2222-3333-444444444444';

// biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON that tests reach into
export type Json = Record<string, any>;

/** An activity from test/fixtures/teams/, parsed, for a test to change what it needs. */
export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'teams', name), 'utf8')) as Json;
}

let counter = 0;
/** A fresh activity id, as Teams gives every activity its own. */
export function nextId(): string {
  counter += 1;
  return `17700000${String(counter).padStart(5, '0')}`;
}

/**
 * An activity from a fixture with a fresh id, its serviceUrl on the Bot Connector double, and the given
 * fields; `conversation` fields are merged into the fixture's conversation.
 */
export function activity(name: string, serviceUrl: string, fields: Json = {}): Json {
  const body = fixture(name);
  const { conversation, ...rest } = fields;
  return {
    ...body,
    id: nextId(),
    serviceUrl: `${serviceUrl}/`,
    ...rest,
    conversation: { ...body.conversation, ...conversation },
  };
}

/** POSTs an activity to /api/messages as the Bot Connector does. */
export function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * The Bot Connector double: answers the conversation routes Sofo calls (send, reply, update) the way
 * the real one does, with the new activity's id, and records everything. Calls that `fails` picks
 * get the 403 Teams gives a bot that was removed from the conversation.
 */
export function connectorDouble(fails: (call: Recorded) => boolean = () => false): HttpDouble {
  let sent = 0;
  return new HttpDouble((call) => {
    if (fails(call)) {
      return { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'removed' } } };
    }
    sent += 1;
    const id = call.path.match(/\/activities\/([^/?]+)$/)?.[1];
    return { body: { id: call.method === 'PUT' && id ? decodeURIComponent(id) : `sofo-${sent}` } };
  });
}

/** A call's route, decoded: the conversation id and, for a reply or an update, the activity id. */
export function route(call: Recorded): { conversation: string; activity?: string } {
  const [, conversation = '', activityId] =
    call.path.split('?')[0]?.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/) ?? [];
  return {
    conversation: decodeURIComponent(conversation),
    ...(activityId ? { activity: decodeURIComponent(activityId) } : {}),
  };
}

/** The Adaptive Card a recorded post carries. */
export function cardOf(call: Recorded): Json {
  const attachments = (call.body.attachments ?? []) as Json[];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no Adaptive Card in ${JSON.stringify(call.body).slice(0, 300)}`);
  return card.content as Json;
}

/** Every TextBlock text of a card, in order, for assertions on what a reader sees. */
export function texts(card: Json): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
      for (const value of Object.values(n)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card.body);
  return out;
}

/** Every action of a card (in ActionSets and at the bottom). */
export function actions(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) out.push(n);
      for (const value of Object.values(n)) if (typeof value === 'object') walk(value);
    }
  };
  walk([card.body, card.actions]);
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

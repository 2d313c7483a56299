/**
 * Checks an incoming activity before botbuilder sees it. botbuilder answers a body without `type` with
 * a 500 thrown outside its error handling, swallows a missing `from` or `conversation` in the turn's
 * error handler (a 200 for a request that did nothing), and posts to whatever `serviceUrl` it is given:
 * the checks here turn those into a 4xx with a JSON reason, before anything is posted.
 */

/** Far above a Teams message (about 28 KB of HTML at most); a longer `text` is not from Teams. */
export const MAX_TEXT = 40_000;

export type Verdict = { ok: true } | { ok: false; status: number; error: string; message: string };

export interface CheckOptions {
  /**
   * Without an app id nothing is authenticated, so anyone could make Sofo post to any address. Then
   * only the Bot Framework Emulator's `serviceUrl` is accepted (emulator.ts).
   */
  emulatorOnly?: (serviceUrl: URL) => boolean;
}

export function checkActivity(body: unknown, options: CheckOptions): Verdict {
  if (!isObject(body)) return bad('the body must be a JSON activity object');
  if (!nonEmpty(body.type)) return bad('"type" is missing');
  for (const field of ['from', 'recipient', 'conversation'] as const) {
    const value = body[field];
    if (!isObject(value) || !nonEmpty(value.id)) return bad(`"${field}.id" is missing`);
  }
  const serviceUrl = parseUrl(body.serviceUrl);
  if (!serviceUrl) return bad('"serviceUrl" must be an http(s) address');
  if (options.emulatorOnly && !options.emulatorOnly(serviceUrl)) {
    return {
      ok: false,
      status: 403,
      error: 'forbidden',
      message:
        'MicrosoftAppId is not set: Sofo then only answers the Bot Framework Emulator on this machine (a serviceUrl on localhost, or the one SOFO_EMULATOR_URL names)',
    };
  }
  if (body.id !== undefined && typeof body.id !== 'string') return bad('"id" must be a string');
  if (body.text !== undefined && typeof body.text !== 'string') return bad('"text" must be a string');
  if (typeof body.text === 'string' && body.text.length > MAX_TEXT) {
    return bad(`"text" is longer than ${MAX_TEXT} characters`);
  }
  if (body.entities !== undefined && !Array.isArray(body.entities)) return bad('"entities" must be a list');
  if (body.type === 'invoke') {
    if (!nonEmpty(body.name)) return bad('an invoke needs a "name"');
    if (body.name === 'adaptiveCard/action' && !(isObject(body.value) && isObject(body.value.action))) {
      return bad('adaptiveCard/action needs "value.action"');
    }
    if (body.name === 'composeExtension/query' && !isObject(body.value)) {
      return bad('composeExtension/query needs a "value"');
    }
  }
  return { ok: true };
}

function bad(message: string): Verdict {
  return { ok: false, status: 400, error: 'bad_activity', message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function parseUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

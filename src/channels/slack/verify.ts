import { parse as parseForm } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import express, { type RequestHandler } from 'express';
import { refuseBodiesOver } from '../../server/body-limit';

/** Slack's guidance: a request more than five minutes from now, either way, is a replay or a forgery. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

export interface GuardOptions {
  signingSecret: string;
  bodyLimit: number;
  log: (line: string) => void;
  /** The wall clock Slack's time stamps are compared with (not the app's clock, which tests move). */
  now?: () => Date;
}

/**
 * What runs on POST /slack/events before Bolt: the body is read once (Bolt takes it from `req.rawBody`),
 * the time stamp must be within ±5 minutes (Bolt 5.1 refuses only old ones), the signature must hold,
 * and a signed body must have the shape Bolt reads before any listener runs (a signed `null`, or a
 * button click without `user`, made Bolt answer 500). Refusals: 401 or 400, one log line, no body or
 * header in it. Bolt still checks the signature itself; this only answers first.
 */
export function slackRequestGuard(options: GuardOptions): RequestHandler[] {
  const { signingSecret, bodyLimit, log, now = () => new Date() } = options;
  const refuse = (res: express.Response, status: 400 | 401, reason: string) => {
    log(`slack: ${status} ${reason}`);
    res.status(status).json({ error: status === 401 ? 'unauthorized' : 'bad_request' });
  };
  const guard: RequestHandler = (req, res, next) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const signature = req.headers['x-slack-signature'];
    if (!Number.isInteger(timestamp) || typeof signature !== 'string') {
      refuse(res, 401, 'no signature or time stamp');
      return;
    }
    const skew = timestamp - Math.floor(now().getTime() / 1000);
    if (Math.abs(skew) > MAX_CLOCK_SKEW_S) {
      refuse(res, 401, `time stamp ${skew > 0 ? 'in the future' : 'too old'} (more than 5 min)`);
      return;
    }
    const body = raw.toString('utf8');
    try {
      verifySlackRequest({
        signingSecret,
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: now().getTime(),
      });
    } catch {
      refuse(res, 401, 'signature mismatch');
      return;
    }
    const problem = malformed(parseBody(body, req.headers['content-type']));
    if (problem) {
      refuse(res, 400, `signed but malformed body: ${problem}`);
      return;
    }
    (req as { rawBody?: Buffer }).rawBody = raw;
    next();
  };
  return [
    refuseBodiesOver(bodyLimit),
    // Any content type, as bytes: the signature is over exactly what was sent.
    express.raw({ type: () => true, limit: bodyLimit }),
    guard,
  ];
}

/** As Bolt parses it: a form's `payload` field is JSON, other forms are fields, anything else JSON. */
function parseBody(body: string, contentType: string | undefined): unknown {
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = parseForm(body);
      return typeof form.payload === 'string' ? JSON.parse(form.payload) : { ...form };
    }
    return JSON.parse(body);
  } catch {
    return PARSE_FAILED;
  }
}

const PARSE_FAILED = Symbol('unparsable');

/**
 * The fields Bolt reads while it sorts a request out (helpers.getTypeAndConversation, App's
 * buildSource): where one of them has the wrong type Bolt throws, and its receiver answers 500.
 */
export function malformed(body: unknown): string | undefined {
  if (body === PARSE_FAILED) return 'not JSON or form data';
  if (!isObject(body)) return 'not an object';
  if (body.authorizations !== undefined) {
    if (!Array.isArray(body.authorizations) || !body.authorizations.every(isObject)) {
      return '"authorizations" is not a list of objects';
    }
  }
  if (body.event !== undefined) {
    const event = body.event;
    if (!isObject(event)) return '"event" is not an object';
    for (const field of ['channel', 'user'] as const) {
      const value = event[field];
      if (value !== undefined && typeof value !== 'string' && !isObject(value)) {
        return `"event.${field}" is neither text nor an object`;
      }
    }
    for (const field of ['item', 'subteam'] as const) {
      if (event[field] !== undefined && !isObject(event[field])) return `"event.${field}" is not an object`;
    }
    return undefined;
  }
  if (body.command !== undefined) return undefined;
  if (!isInteraction(body)) return undefined;
  if (!isObject(body.user) || typeof body.user.id !== 'string') return '"user.id" is missing';
  for (const field of ['team', 'channel', 'enterprise'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && !isObject(value)) return `"${field}" is not an object`;
  }
  if ((body.type === 'view_submission' || body.type === 'view_closed') && !isObject(body.view)) {
    return '"view" is not an object';
  }
  return undefined;
}

/** Options, actions, shortcuts and views: the payloads Bolt takes the user from `user.id`. */
function isInteraction(body: Record<string, unknown>): boolean {
  return (
    body.name !== undefined ||
    body.actions !== undefined ||
    [
      'block_suggestion',
      'dialog_submission',
      'shortcut',
      'message_action',
      'view_submission',
      'view_closed',
    ].includes(String(body.type))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

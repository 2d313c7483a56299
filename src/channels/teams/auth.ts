import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'express';
import { LogThrottle } from '../../server/log-throttle';
import type { SofoAdapter } from './adapter';

/** Why a request was refused, in a word: for the log line, never for the caller. */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'wrong_algorithm'
  | 'unknown_issuer'
  | 'unknown_key'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_service_url'
  | 'not_endorsed'
  | 'key_fetch_failed'
  | 'other';

/** Every refusal gets exactly this: what botbuilder found wrong stays in the reason class of the log. */
export const UNAUTHORIZED = {
  error: 'unauthorized',
  message: 'Begäran saknar en giltig Bot Framework-token / the request carries no valid Bot Framework token',
} as const;

/** botbuilder's ChannelValidation accepts these (AuthenticationConstants.AllowedSigningAlgorithms). */
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/**
 * POST /api/messages after the activity's shape was checked: authenticate with botbuilder's own checks,
 * then run the turn. Every authentication failure, whatever botbuilder threw, is a 401 with UNAUTHORIZED
 * and one short log line; a failure to fetch Microsoft's signing keys is logged once a minute, since
 * while the key endpoint is down every request fails the same way.
 */
export class TeamsGate {
  private readonly keyFetch = new LogThrottle(60_000);

  constructor(
    private readonly adapter: SofoAdapter,
    private readonly log: (line: string) => void,
    /** With an app id; without one botbuilder lets everything through (the Emulator). */
    private readonly authenticated: boolean,
  ) {}

  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = withDates(req.body as Activity);
    const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    const early = this.authenticated ? refusedByShape(header) : undefined;
    let result: Awaited<ReturnType<SofoAdapter['authenticate']>>;
    if (early) {
      this.refuse(res, early);
      return;
    }
    try {
      result = await quietly(() => this.adapter.authenticate(activity, header));
    } catch (error) {
      this.refuse(res, classify(error));
      return;
    }
    let invoke: Awaited<ReturnType<SofoAdapter['run']>>;
    try {
      invoke = await this.adapter.run(result, activity, logic);
    } catch (error) {
      // The turn's own errors are handled in onTurnError; this is botbuilder failing around it.
      this.log(
        `teams: ${activity.type} not processed: ${(error as Error)?.message?.split('\n')[0] ?? error}`,
      );
      res.status(500).json({ error: 'internal_error' });
      return;
    }
    res.status(invoke?.status ?? 200);
    if (invoke?.body !== undefined) res.send(invoke.body);
    res.end();
  }

  private refuse(res: Response, reason: AuthFailure): void {
    if (reason === 'key_fetch_failed') {
      this.keyFetch.run((skipped) =>
        this.log(
          `teams: 401 key_fetch_failed: Microsoft's signing keys could not be fetched${skipped ? ` (${skipped} more since the last line)` : ''}`,
        ),
      );
    } else {
      this.log(`teams: 401 ${reason}`);
    }
    res.status(401).json(UNAUTHORIZED);
  }
}

/**
 * What can be refused without botbuilder, from the header alone: no token, not a JWT, an algorithm
 * botbuilder would not accept (alg "none", HS256 keyed with a public key), no signature.
 * botbuilder still makes every real check; this only spares it (and the key endpoint) the obvious.
 */
export function refusedByShape(header: string): AuthFailure | undefined {
  if (header.trim() === '') return 'missing';
  const parts = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]*)$/.exec(header.trim());
  if (!parts?.[1]) return 'malformed';
  let head: unknown;
  try {
    head = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  const alg = (head as { alg?: unknown } | null)?.alg;
  if (typeof alg !== 'string' || !ALGORITHMS.has(alg)) return 'wrong_algorithm';
  if (!parts[3]) return 'bad_signature';
  return undefined;
}

/** botbuilder's errors are plain messages (and jsonwebtoken's names): sorted into classes by them. */
export function classify(error: unknown): AuthFailure {
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'FetchError' || /Failed to load (openID config|Keys)|request to .* failed/i.test(message)) {
    return 'key_fetch_failed';
  }
  if (name === 'TokenExpiredError' || /expired/i.test(message)) return 'expired';
  if (name === 'NotBeforeError' || /not active/i.test(message)) return 'not_yet_valid';
  if (/Signing Key could not be retrieved/i.test(message)) return 'unknown_key';
  if (/algorithm/i.test(message)) return 'wrong_algorithm';
  if (/signature/i.test(message)) return 'bad_signature';
  if (/AppId|audience/i.test(message)) return 'wrong_audience';
  if (/ServiceUrl/i.test(message)) return 'wrong_service_url';
  if (/endorsement/i.test(message)) return 'not_endorsed';
  if (/issuer|No valid identity/i.test(message)) return 'unknown_issuer';
  if (/not authorized/i.test(message)) return 'missing';
  return 'other';
}

/**
 * botbuilder's token check writes each failure with console.error: a stack trace and the signing key's
 * PEM, 16 lines per forged request. While it authenticates, console.error is silenced, for that async
 * call chain only (AsyncLocalStorage), and the gate writes its one line instead.
 */
const silenced = new AsyncLocalStorage<true>();
let consolePatched = false;

function quietly<T>(work: () => Promise<T>): Promise<T> {
  if (!consolePatched) {
    const original = console.error;
    console.error = (...args: unknown[]) => {
      if (!silenced.getStore()) original.apply(console, args);
    };
    consolePatched = true;
  }
  return silenced.run(true, work);
}

/** As botbuilder's CloudAdapter.process does: the activity's time stamps as Dates, the raw text kept. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}

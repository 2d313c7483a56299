import { generateKeyPairSync } from 'node:crypto';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { connectorClaims, jwt, OpenIdDouble } from '../src/tools/doubles/openid';
import { testConfig } from './helpers/engine';
import type { HttpDouble } from './helpers/http-double';
import { activity, connectorDouble, post } from './helpers/teams';

/**
 * Forged Bot Framework tokens (audit-reliability D11), with an app id set and Microsoft's signing keys
 * served by a local double, so botbuilder makes every one of its checks as in production. Whatever the
 * cause, the caller gets the same 401 and the log one line.
 */

const APP_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const FIXED = {
  error: 'unauthorized',
  message: 'Begäran saknar en giltig Bot Framework-token / the request carries no valid Bot Framework token',
};

let keys: OpenIdDouble;
let connector: HttpDouble;
let connectorUrl: string;
let sofo: Running;
const log: string[] = [];
const rogue = generateKeyPairSync('rsa', { modulusLength: 2048 });

/**
 * What reaches the console. Installed before the first request, so Sofo's filter (which silences
 * botbuilder's console.error while it authenticates) sits in front of it: the spy sees only what would
 * reach the real console.
 */
let consoleErrors: jest.SpyInstance;

const config = () =>
  testConfig({
    PORT: '0',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'client-secret',
    MicrosoftAppType: 'MultiTenant',
  });

beforeAll(async () => {
  consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  keys = new OpenIdDouble();
  const metadata = await keys.start();
  connector = connectorDouble();
  connectorUrl = `${await connector.start()}/`;
  sofo = await startServer(config(), {
    store: new MemoryStore(),
    log: (l) => log.push(l),
    host: '127.0.0.1',
    teamsOpenIdMetadataUrl: metadata,
  });
});

afterAll(async () => {
  consoleErrors.mockRestore();
  await sofo.stop();
  await connector.stop();
  await keys.stop();
});

/** A message whose serviceUrl is the connector double, as the token's `serviceurl` claim says. */
const message = () => activity('message_personal.json', connectorUrl.slice(0, -1), { text: 'hej' });

async function send(base: string, authorization?: string) {
  const before = log.length;
  const calls = connector.calls.length;
  const errors = consoleErrors.mock.calls.length;
  const res = await post(base, message(), authorization === undefined ? {} : { authorization });
  const body = await res.text();
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    status: res.status,
    body,
    lines: log.slice(before),
    consoleErrors: consoleErrors.mock.calls.length - errors,
    posted: connector.calls.length - calls,
  };
}

const claims = () => connectorClaims(APP_ID, connectorUrl);
const trusted = (extra: Record<string, unknown> = {}) =>
  `Bearer ${jwt({ ...claims(), ...extra }, { key: keys.privateKey })}`;
const hour = 3600;
const nowS = () => Math.floor(Date.now() / 1000);

describe('every forged or wrong token is the same quiet 401 (D11)', () => {
  const cases: [string, () => string | undefined, string][] = [
    ['no Authorization header', () => undefined, 'missing'],
    ['Bearer garbage', () => 'Bearer not.a.jwt', 'malformed'],
    ['Basic credentials', () => `Basic ${Buffer.from('a:b').toString('base64')}`, 'malformed'],
    [
      'a self-signed token with an unknown kid',
      () => `Bearer ${jwt(claims(), { key: rogue.privateKey, kid: 'rogue' })}`,
      'unknown_key',
    ],
    [
      'the trusted kid with a bad signature',
      () => `Bearer ${jwt(claims(), { key: rogue.privateKey })}`,
      'bad_signature',
    ],
    ['alg none', () => `Bearer ${jwt(claims(), { alg: 'none' })}`, 'wrong_algorithm'],
    [
      'HS256 keyed with the public key',
      () =>
        `Bearer ${jwt(claims(), { alg: 'HS256', key: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() })}`,
      'wrong_algorithm',
    ],
    [
      'expired an hour ago',
      () => trusted({ iat: nowS() - 2 * hour, nbf: nowS() - 2 * hour, exp: nowS() - hour }),
      'expired',
    ],
    ['another audience', () => trusted({ aud: '11111111-2222-3333-4444-555555555555' }), 'wrong_audience'],
    ['a foreign issuer', () => trusted({ iss: 'https://evil.example' }), 'unknown_issuer'],
    [
      'a serviceurl claim for another host',
      () => trusted({ serviceurl: 'https://smba.trafficmanager.net/emea/' }),
      'wrong_service_url',
    ],
  ];

  it.each(cases)('%s', async (_name, token, reason) => {
    const result = await send(sofo.url, token());
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toEqual(FIXED);
    expect(result.posted).toBe(0);
    expect(result.consoleErrors).toBe(0);
    expect(result.lines).toEqual([`teams: 401 ${reason}`]);
  });

  it('lets a valid token through to the turn', async () => {
    // A typing activity: authenticated and run, but nothing to post (which would need Microsoft's token service).
    const typing = { ...message(), type: 'typing', text: undefined };
    const res = await post(sofo.url, typing, { authorization: trusted() });
    expect(res.status).toBe(200);
  });
});

describe("when Microsoft's key endpoint cannot be reached", () => {
  it('every token gets the fixed 401, and the log one line a minute', async () => {
    const lines: string[] = [];
    const unreachable = await startServer(config(), {
      store: new MemoryStore(),
      log: (l) => lines.push(l),
      host: '127.0.0.1',
      // A port nothing listens on (the double, stopped): every key fetch fails.
      teamsOpenIdMetadataUrl: await closedPortUrl(),
    });
    try {
      const before = lines.length;
      const errors = consoleErrors.mock.calls.length;
      for (let i = 0; i < 10; i++) {
        const res = await post(unreachable.url, message(), { authorization: trusted() });
        expect(res.status).toBe(401);
        expect(JSON.parse(await res.text())).toEqual(FIXED);
      }
      expect(consoleErrors.mock.calls.length).toBe(errors);
      expect(lines.slice(before)).toEqual([expect.stringMatching(/^teams: 401 key_fetch_failed/)]);
    } finally {
      await unreachable.stop();
    }
  });
});

async function closedPortUrl(): Promise<string> {
  const gone = new OpenIdDouble();
  const url = await gone.start();
  await gone.stop();
  return url;
}

import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Microsoft's OpenID metadata and signing keys, on loopback: botbuilder fetches its keys from here
 * (createAdapter's openIdMetadataUrl) and so checks tokens exactly as it would in production, against
 * one RSA key the test or bench owns.
 */
export class OpenIdDouble {
  /** The trusted key's private half: tokens signed with it and `kid` pass botbuilder's signature check. */
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid = 'double-kid';
  /** Requests for metadata or keys. */
  hits = 0;
  private server?: Server;

  constructor() {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
    }));
  }

  /** Starts it; resolves the metadata URL to hand to botbuilder. */
  async start(): Promise<string> {
    const jwk = this.publicKey.export({ format: 'jwk' });
    const server = createServer((req, res) => {
      this.hits += 1;
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid') {
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
      } else if (req.url === '/keys') {
        const key = { kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e };
        res.end(JSON.stringify({ keys: [{ ...key, endorsements: ['msteams', 'emulator'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface JwtOptions {
  /** An RSA private key (RS256), or the secret for HS256. */
  key?: KeyObject | string;
  kid?: string;
  alg?: 'RS256' | 'HS256' | 'none';
}

/** A JSON Web Token as a forger (or, with the double's key, the Bot Connector) would make one. */
export function jwt(claims: Record<string, unknown>, options: JwtOptions = {}): string {
  const { alg = 'RS256', kid = 'double-kid', key } = options;
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signed = `${encode({ alg, typ: 'JWT', kid })}.${encode(claims)}`;
  if (alg === 'none') return `${signed}.`;
  if (alg === 'HS256') {
    return `${signed}.${createHmac('sha256', String(key)).update(signed).digest('base64url')}`;
  }
  if (!key || typeof key === 'string') throw new Error('RS256 needs a private key');
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

/** The claims of a Bot Connector token for this app and serviceUrl, valid for an hour from `now`. */
export function connectorClaims(
  appId: string,
  serviceUrl: string,
  now = Date.now(),
): Record<string, unknown> {
  const s = Math.floor(now / 1000);
  return {
    iss: 'https://api.botframework.com',
    aud: appId,
    serviceurl: serviceUrl,
    nbf: s - 60,
    iat: s - 60,
    exp: s + 3600,
  };
}

import { ConfigError } from './errors';

/** Requests per minute per client on the routes anyone can reach; 0 turns a limit off. */
export interface RateLimits {
  /** SOFO_RATE_ASK: POST /api/ask and GET /api/answer/… (the web chat's questions). */
  ask: number;
  /** SOFO_RATE_FEEDBACK: POST /api/feedback (👍/👎 from the web chat). */
  feedback: number;
  /** SOFO_RATE_CONTACTS: POST /api/contacts. */
  contacts: number;
  /** SOFO_RATE_ADMIN: everything under /admin. */
  admin: number;
}

/** Where Sofo listens and what it lets one client cost it. */
export interface EdgeConfig {
  /** HOST: the address to listen on; loopback unless a reverse proxy or a container needs more. */
  host: string;
  /** SOFO_MAX_CONNECTIONS: open connections at most; keep it under the open-files limit (ulimit -n). */
  maxConnections: number;
  /**
   * SOFO_TRUST_PROXY: which hops' X-Forwarded-For to believe (Express's "trust proxy": a hop count, or
   * addresses). Unset: none, so the limits apply per connecting address.
   */
  trustProxy: string | number | false;
  rates: RateLimits;
  /**
   * SOFO_EMULATOR_URL: without MicrosoftAppId, the one Bot Framework Emulator address whose serviceUrl is
   * answered (any loopback port in the operating systems' ephemeral ranges when unset).
   */
  emulatorUrl?: URL;
}

export const DEFAULT_RATES: RateLimits = { ask: 60, feedback: 30, contacts: 60, admin: 300 };

const RATE_VARIABLES: Record<keyof RateLimits, string> = {
  ask: 'SOFO_RATE_ASK',
  feedback: 'SOFO_RATE_FEEDBACK',
  contacts: 'SOFO_RATE_CONTACTS',
  admin: 'SOFO_RATE_ADMIN',
};

export function readEdge(env: NodeJS.ProcessEnv): EdgeConfig {
  const host = env.HOST?.trim() || '127.0.0.1';
  const rates = { ...DEFAULT_RATES };
  for (const key of Object.keys(RATE_VARIABLES) as (keyof RateLimits)[]) {
    rates[key] = readCount(env, RATE_VARIABLES[key], DEFAULT_RATES[key], 0);
  }
  const emulatorUrl = readEmulatorUrl(env.SOFO_EMULATOR_URL);
  return {
    host,
    maxConnections: readCount(env, 'SOFO_MAX_CONNECTIONS', 2000, 1),
    trustProxy: readTrustProxy(env.SOFO_TRUST_PROXY),
    rates,
    ...(emulatorUrl ? { emulatorUrl } : {}),
  };
}

/** 127.0.0.0/8, ::1 and the name localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

function readCount(env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number): number {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(variable, `must be a whole number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function readTrustProxy(raw: string | undefined): string | number | false {
  const value = raw?.trim();
  if (!value || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  // "true" would believe any X-Forwarded-For, so any client could pick its own rate-limit key.
  if (value === 'true') {
    throw new ConfigError(
      'SOFO_TRUST_PROXY',
      'must be the number of proxies in front of Sofo (e.g. 1) or their addresses, not "true"',
    );
  }
  return value;
}

function readEmulatorUrl(raw: string | undefined): URL | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'SOFO_EMULATOR_URL',
      `must be an address such as http://localhost:54321, got "${value}"`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      'SOFO_EMULATOR_URL',
      `must be an http(s) address on this machine (localhost, 127.0.0.1, [::1]), got "${value}"`,
    );
  }
  return url;
}

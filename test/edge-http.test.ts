import type { AddressInfo } from 'node:net';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { RawSocket, request } from './helpers/edge';
import { testConfig } from './helpers/engine';

/**
 * The HTTP server as an attacker meets it (audit-reliability D12 and point 6 of issue 12): timeouts,
 * the connection cap, security headers, per-client rate limits, bounded questions and votes.
 */

const started: Running[] = [];
afterAll(async () => {
  for (const running of started) await running.stop();
});

async function start(env: Record<string, string> = {}, options: Parameters<typeof startServer>[1] = {}) {
  const log: string[] = [];
  const running = await startServer(testConfig({ PORT: '0', ...env }), {
    store: new MemoryStore(),
    log: (line) => log.push(line),
    ...options,
  });
  started.push(running);
  return { running, log, port: (running.server.address() as AddressInfo).port };
}

const ask = (text: string) => JSON.stringify({ text });

describe('timeouts and the connection cap (D12)', () => {
  it('sets headersTimeout 10 s, requestTimeout 15 s, keepAliveTimeout 5 s and a connection cap', async () => {
    const { running } = await start();
    expect(running.server.headersTimeout).toBe(10_000);
    expect(running.server.requestTimeout).toBe(15_000);
    expect(running.server.keepAliveTimeout).toBe(5_000);
    expect(running.server.maxConnections).toBe(2000);
    expect((await start({ SOFO_MAX_CONNECTIONS: '300' })).running.server.maxConnections).toBe(300);
  });

  it('cuts a slow body with 408 and closes a socket that sends nothing (limits shortened here)', async () => {
    const { port, running } = await start({}, { limits: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
    const slow = await RawSocket.open(port);
    slow.write(
      'POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8000\r\n\r\n{"text":"',
    );
    const drip = setInterval(() => slow.write('aaaaaaaaaa'), 100);
    const idle = await RawSocket.open(port);
    try {
      expect(await slow.closedWithin(5_000)).toBe(true);
      expect(slow.received).toMatch(/^HTTP\/1\.1 408/);
      expect(await idle.closedWithin(5_000)).toBe(true);
    } finally {
      clearInterval(drip);
      slow.destroy();
      idle.destroy();
    }
    expect((await request(`${running.url}/healthz`)).status).toBe(200);
  });

  it('closes connections over the cap at once and logs it once, then serves again', async () => {
    const { port, running, log } = await start(
      { SOFO_MAX_CONNECTIONS: '5' },
      { limits: { headersTimeoutMs: 500, requestTimeoutMs: 1000 } },
    );
    const held = await Promise.all(Array.from({ length: 5 }, () => RawSocket.open(port)));
    const over = await Promise.all(Array.from({ length: 3 }, () => RawSocket.open(port)));
    try {
      for (const socket of over) expect(await socket.closedWithin(2_000)).toBe(true);
      expect(log.filter((l) => /connections open/.test(l))).toHaveLength(1);
      // The held ones send nothing: the headers timeout frees their places.
      for (const socket of held) expect(await socket.closedWithin(5_000)).toBe(true);
      expect((await request(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      for (const socket of [...held, ...over]) socket.destroy();
    }
  });
});

describe('security headers (D12)', () => {
  let base: string;
  beforeAll(async () => {
    base = (await start()).running.url;
  });

  it('sends a script-tight CSP, nosniff, DENY framing and no referrer with the chat page', async () => {
    const page = await request(`${base}/`);
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('has no inline script or style in the page, and serves its script and style files', async () => {
    const page = (await request(`${base}/`)).text;
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|\sstyle=|\son\w+=/);
    const script = await request(`${base}/chat.js`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toMatch(/\/api\/ask/);
    expect((await request(`${base}/chat.css`)).headers['content-type']).toMatch(/text\/css/);
  });

  it('puts the same headers on the API, the health check and a 404', async () => {
    for (const path of ['/healthz', '/no-such-page', '/api/answer/no-such-entry']) {
      const res = await request(`${base}${path}`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
    }
  });
});

describe('per-client rate limits (issue 12, points 2 and 6)', () => {
  let base: string;
  let log: string[];
  beforeAll(async () => {
    const server = await start({
      SOFO_RATE_ASK: '5',
      SOFO_RATE_FEEDBACK: '3',
      SOFO_RATE_CONTACTS: '3',
      SOFO_RATE_ADMIN: '3',
    });
    base = server.running.url;
    log = server.log;
  });

  it('answers a flood of questions with 429 and Retry-After, and another client normally', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await request(`${base}/api/ask`, { body: ask('hej') })).status);
    // Opening a clarify choice counts as a question too.
    statuses.push((await request(`${base}/api/answer/case-norrvik-cleaning`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await request(`${base}/api/ask`, { body: ask('hej') });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(JSON.parse(limited.text)).toMatchObject({ error: 'rate_limited' });
    for (let i = 0; i < 20; i++) await request(`${base}/api/ask`, { body: ask('hej') });
    expect(log.filter((l) => /\/api\/ask.*429/.test(l))).toHaveLength(1);
    const other = await request(`${base}/api/ask`, { body: ask('hej'), from: '127.0.0.2' });
    expect(other.status).toBe(200);
  });

  it('limits votes, contact searches and /admin on their own budgets', async () => {
    const vote = JSON.stringify({
      id: 'concept-work-integration',
      q: 'vad är ASF?',
      vote: 'up',
      session: 's',
    });
    const votes: number[] = [];
    for (let i = 0; i < 4; i++) votes.push((await request(`${base}/api/feedback`, { body: vote })).status);
    expect(votes).toEqual([204, 204, 204, 429]);
    const contacts: number[] = [];
    const query = JSON.stringify({ query: 'Ekby' });
    for (let i = 0; i < 4; i++)
      contacts.push((await request(`${base}/api/contacts`, { body: query })).status);
    expect(contacts).toEqual([200, 200, 200, 429]);
    const admin: number[] = [];
    for (let i = 0; i < 4; i++) admin.push((await request(`${base}/admin`)).status);
    expect(admin[3]).toBe(429);
    expect(admin.slice(0, 3)).not.toContain(429);
  });
});

describe('bounded questions and votes (issue 12, point 6)', () => {
  let base: string;
  beforeAll(async () => {
    base = (await start()).running.url;
  });

  it('refuses a question, a search or a vote over 1,000 characters with a 400 that says so', async () => {
    const long = 'a'.repeat(1001);
    const cases = [
      ['/api/ask', JSON.stringify({ text: long })],
      ['/api/contacts', JSON.stringify({ query: long })],
      ['/api/feedback', JSON.stringify({ id: 'concept-work-integration', q: long, vote: 'up' })],
    ] as const;
    for (const [path, body] of cases) {
      const res = await request(`${base}${path}`, { body });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).message).toMatch(/1000/);
    }
    expect((await request(`${base}/api/ask`, { body: ask('a'.repeat(1000)) })).status).toBe(200);
  });
});

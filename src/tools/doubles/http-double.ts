import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  /** Form fields (JSON-looking values such as `blocks` parsed) or the parsed JSON body. */
  body: Record<string, unknown>;
  at: number;
  /** process.hrtime.bigint() on arrival, for latency measurements. */
  atNs: bigint;
}

/** What the double answers a call with: a JSON body, and optionally a status and headers. */
export type Responder = (call: Recorded) => {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
};

/**
 * A loopback HTTP server standing in for a platform API: it records every call and answers from a
 * responder. Tests assert on what the platform would have received.
 */
export class HttpDouble {
  readonly calls: Recorded[] = [];
  private server?: Server;
  private waiters: { predicate: (c: Recorded) => boolean; resolve: (c: Recorded) => void }[] = [];

  constructor(private readonly respond: Responder) {}

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const call = {
        method: req.method ?? '',
        path: req.url ?? '',
        body: parse(req, await read(req)),
        at: Date.now(),
        atNs: process.hrtime.bigint(),
      };
      this.calls.push(call);
      const answer = this.respond(call);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
      for (const w of [...this.waiters]) {
        if (w.predicate(call)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(call);
        }
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Calls to paths ending with this (an API method such as "chat.postMessage", or a response_url path). */
  to(pathEnd: string): Recorded[] {
    return this.calls.filter((c) => c.path.split('?')[0]?.endsWith(pathEnd));
  }

  /** Resolves with the first call (already made or still to come) that matches, or rejects after a timeout. */
  waitFor(predicate: (c: Recorded) => boolean, timeoutMs = 5000): Promise<Recorded> {
    const done = this.calls.find(predicate);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the platform double received no such call')),
        timeoutMs,
      );
      this.waiters.push({
        predicate,
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
      });
    });
  }
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parse(req: IncomingMessage, raw: string): Record<string, unknown> {
  if (raw === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw);
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

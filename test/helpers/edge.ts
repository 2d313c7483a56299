import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One request on its own connection, optionally from another loopback address (Linux routes all of
 * 127.0.0.0/8 to this machine): how a test plays a second client.
 */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      agent: false,
      ...(options.from ? { localAddress: options.from } : {}),
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A TCP connection that writes what the test says, when it says: slow clients, idle sockets. */
export class RawSocket {
  received = '';
  closed = false;
  private readonly socket: Socket;
  private readonly onClose: Promise<void>;

  private constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (d: Buffer) => {
      this.received += d.toString();
    });
    this.socket.on('error', () => undefined);
    this.onClose = new Promise((resolve) =>
      this.socket.on('close', () => {
        this.closed = true;
        resolve();
      }),
    );
  }

  static open(port: number): Promise<RawSocket> {
    const raw = new RawSocket(port);
    return new Promise((resolve) => {
      raw.socket.once('connect', () => resolve(raw));
      raw.socket.once('close', () => resolve(raw));
    });
  }

  write(text: string): void {
    if (!this.closed) this.socket.write(text);
  }

  /** Resolves true when the server closed the connection within `ms`, false otherwise. */
  async closedWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const result = await Promise.race([this.onClose.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

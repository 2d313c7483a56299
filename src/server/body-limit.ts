import type { RequestHandler } from 'express';

/**
 * Refuses a body whose declared length is over the limit before a byte of it is read, and closes the
 * connection: a client still sending the rest must not have it read as its next request.
 */
export function refuseBodiesOver(bytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > bytes) {
      res
        .set('connection', 'close')
        .status(413)
        .json({ error: 'too_large', message: `The body may be at most ${bytes} bytes` });
      return;
    }
    next();
  };
}

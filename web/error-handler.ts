import type { IncomingMessage } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, NotFoundError } from './errors.js';

/** Errors of body-parser carry `type` and `status`; these are the ones a client causes. */
function fromBodyParser(error: unknown): ApiError | undefined {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'entity.too.large') return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (type === 'entity.parse.failed') return new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'BAD_REQUEST', 'The request body could not be read.');
  }
  return undefined;
}

/** Whether the request comes with a body (RFC 9112 §6.3); `complete` is false for a moment even without one. */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** The last route: anything unmatched is a 404 in the same shape as every other error. */
export const notFoundHandler: RequestHandler = (req) => {
  throw new NotFoundError(`There is no ${req.method} ${req.path}.`);
};

/**
 * The one error middleware: typed errors become their status and `{error: {code,
 * message}}`; anything else is our fault, logged with its stack and answered with 500
 * and a message that leaks nothing.
 */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = error instanceof ApiError ? error : fromBodyParser(error);
    // Answered before the body was read (401 before parsing, issue #12): Node would read and
    // discard the rest to reuse the connection; closing it is how a sender is stopped.
    if (hasBody(req) && !req.complete) res.setHeader('Connection', 'close');
    if (known) {
      if (known.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      const retryAfter = (known as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
      res.status(known.status).json({ error: { code: known.code, message: known.message } });
      return;
    }
    log(`${req.method} ${req.originalUrl} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; please try again.' } });
  };
}

import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { CsrfError } from '../errors.js';

/** The header the page sends its session's CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Methods that must not change anything, so they need no CSRF token. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** `http(s)://host:port` as the client addressed this server (`req.protocol`: TLS here, or a trusted proxy's `X-Forwarded-Proto` with `SOCKGRADE_TRUST_PROXY`). */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`.toLowerCase();
}

/**
 * A browser names the page that started a request in `Origin` (on every cross-origin
 * request and on same-origin ones other than GET/HEAD). Present and not ours: refused.
 * Absent: allowed, since curl and old browsers send none; the token check still applies.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.get('origin');
  if (origin === undefined || origin.toLowerCase() === ownOrigin(req)) return;
  throw new CsrfError(
    `This request came from another web page (${origin}), which may not act with your sockgrade sign-in. ` +
      'Use the sockgrade page itself; if this came from a link or form on another site, it was blocked on purpose.',
  );
}

/**
 * A request that carries the session cookie and may change something must also carry
 * the session's token in `X-CSRF-Token`. Only our own page can read the token (from
 * `GET /api/session`, which another origin's script cannot read), so this is what stops
 * a forged request. `SameSite=Strict` alone is not enough: another port on the same host
 * (`http://127.0.0.1:8081`, a student's test server) is the same *site* but a different
 * *origin*, and its pages get our cookie sent along.
 */
export function assertCsrfToken(req: Request, expected: string): void {
  const sent = req.get(CSRF_HEADER);
  if (sent === undefined) {
    throw new CsrfError(
      `This request uses your browser sign-in but has no \`${CSRF_HEADER}\` header, so we cannot tell it came from the sockgrade page. ` +
        'Reload the page and try again; scripts should use an API token (`Authorization: Bearer …`) instead.',
    );
  }
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new CsrfError(`The \`${CSRF_HEADER}\` header does not match your session (signed in again elsewhere?). Reload the page and try again.`);
  }
}

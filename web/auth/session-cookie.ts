import type { Request, Response } from 'express';

/** The browser session's cookie. Its value is 32 random bytes, base64url: 43 characters. */
export const SESSION_COOKIE = 'sockgrade_session';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The session id the request carries, when it has the shape of one (anything else is ignored). */
export function readSessionCookie(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (SESSION_ID.test(value)) return value;
  }
  return undefined;
}

/**
 * `HttpOnly`: page scripts (and so an injected one) cannot read it. `SameSite=Strict`:
 * the browser leaves it off every request another site starts, even top-level links.
 * `Secure` only when this request came over HTTPS: the service also runs on plain
 * `http://127.0.0.1`, where a Secure cookie would never be sent back. `trust proxy` is
 * off, so `req.secure` means TLS to this very process, not a header anyone can send.
 */
export function setSessionCookie(req: Request, res: Response, id: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: maxAgeMs, secure: req.secure });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
}

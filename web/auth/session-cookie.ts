import { isIP } from 'node:net';
import type { CookieOptions, Request, Response } from 'express';

/**
 * The browser session's cookie. Its value is 32 random bytes, base64url: 43 characters.
 *
 * `__Host-` (RFC 6265bis §4.1.3.2): the browser keeps such a cookie only when it is
 * `Secure`, `Path=/` and has no `Domain`, and only a secure origin may set it. Without
 * the prefix any page on the same host (cookies ignore ports: a student's own test
 * server on another port, served over plain HTTP) could plant a `sockgrade_session` of
 * its choosing (issue #12). With it, only a secure origin can: over HTTPS, a plain-HTTP
 * server on another port cannot (test/integration/browser-cookie-prefix.test.ts). On
 * loopback every port is a secure origin, so there the prefix guards less; what holds
 * everywhere is that a sign-in always starts a new session id (no fixation).
 *
 * Chromium (checked: test/integration/browser-session.test.ts) counts `http://127.0.0.1`,
 * `http://[::1]` and `http://localhost` as secure for cookies, so a `Secure` cookie works
 * there without TLS; from any other host over plain HTTP the browser drops it. So:
 * - TLS to this process, or a loopback `Host`: `__Host-sockgrade_session`, `Secure`;
 * - plain HTTP to another host name (a classroom LAN without TLS): `sockgrade_session`
 *   without `Secure`, since nothing else would work; the service warns at start when
 *   it listens beyond loopback (serve it over HTTPS there).
 * Each request reads only the name it would set: a plain `sockgrade_session` someone
 * planted is ignored wherever the prefixed one is in use.
 */
export const SESSION_COOKIE = '__Host-sockgrade_session';
/** The fallback over plain HTTP to a host that is not loopback. */
export const PLAIN_SESSION_COOKIE = 'sockgrade_session';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The host name of a `Host` header: `[::1]:3000` → `::1`, `Localhost:80` → `localhost`. */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']') >= 0 ? lower.indexOf(']') : undefined);
  return lower.replace(/:\d*$/, '');
}

/** Names a browser treats as potentially trustworthy without TLS (W3C Secure Contexts §3.1). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = hostName(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1';
}

/**
 * Whether this request's browser keeps a `Secure` cookie: TLS to this very process
 * (or, with `SOCKGRADE_TRUST_PROXY`, to a trusted proxy: `X-Forwarded-Proto` from anyone
 * else is ignored), or a loopback host.
 */
export function securesCookie(req: Request): boolean {
  return req.secure || isLoopbackHost(req.get('host'));
}

function cookieFor(req: Request): { name: string; options: CookieOptions } {
  const secure = securesCookie(req);
  return { name: secure ? SESSION_COOKIE : PLAIN_SESSION_COOKIE, options: { httpOnly: true, sameSite: 'strict', path: '/', secure } };
}

/** The session id the request carries under this request's cookie name, when it has the shape of one (anything else is ignored). */
export function readSessionCookie(req: Request): string | undefined {
  const { name } = cookieFor(req);
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    if (SESSION_ID.test(value)) return value;
  }
  return undefined;
}

/**
 * `HttpOnly`: page scripts (and so an injected one) cannot read it. `SameSite=Strict`:
 * the browser leaves it off every request another site starts, even top-level links.
 * The name and `Secure` as above.
 */
export function setSessionCookie(req: Request, res: Response, id: string, maxAgeMs: number): void {
  const { name, options } = cookieFor(req);
  res.cookie(name, id, { ...options, maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  const { name, options } = cookieFor(req);
  res.clearCookie(name, options);
}

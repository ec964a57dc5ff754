import type { Request, RequestHandler, Response } from 'express';
import { UnauthenticatedError } from '../errors.js';
import type { UserStore } from '../store/index.js';
import { userFromBearer } from './bearer-auth.js';
import type { ActiveSession, BrowserSessions } from './browser-sessions.js';
import { assertCsrfToken, assertSameOrigin, isSafeMethod } from './csrf.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

/**
 * The browser session of this request, or undefined. A cookie naming no live session
 * (signed out, expired) is cleared, so the browser stops sending it.
 */
export function sessionOf(req: Request, res: Response, sessions: BrowserSessions): ActiveSession | undefined {
  const id = readSessionCookie(req);
  if (id === undefined) return undefined;
  const session = sessions.resume(id);
  if (!session) clearSessionCookie(req, res);
  return session;
}

/** The session `authenticate` found for this request; undefined for a bearer token. */
export function currentSession(res: Response): ActiveSession | undefined {
  return res.locals.session as ActiveSession | undefined;
}

/**
 * Every `/api` route past this one has a user, from one of two credentials:
 * - `Authorization: Bearer <token>` (CLI, CI, scripts). It wins when both are sent. A
 *   browser never attaches it on its own, so it needs no CSRF defence.
 * - the session cookie (`__Host-sockgrade_session`, see session-cookie.ts: the browser page). The browser attaches a cookie to
 *   requests other pages start, so a request that may change something (any method but
 *   GET/HEAD/OPTIONS) must also pass the CSRF checks: an `Origin`, when sent, that is
 *   ours, and the session's token in `X-CSRF-Token`. Refused requests are answered 403
 *   `CSRF_FAILED` before any route runs, so nothing is stored.
 */
export function authenticate(deps: { users: UserStore; sessions: BrowserSessions }): RequestHandler {
  return (req, res, next) => {
    const authorization = req.get('authorization');
    if (authorization !== undefined) {
      const { user, tokenId } = userFromBearer(authorization, deps.users);
      res.locals.user = user;
      res.locals.tokenId = tokenId;
      next();
      return;
    }
    const hadCookie = readSessionCookie(req) !== undefined;
    const session = sessionOf(req, res, deps.sessions);
    if (!session) {
      throw hadCookie ? new UnauthenticatedError('Your sign-in has ended (signed out, or unused for a long time): sign in again.') : new UnauthenticatedError();
    }
    if (!isSafeMethod(req.method)) {
      assertSameOrigin(req);
      assertCsrfToken(req, session.csrfToken);
    }
    res.locals.user = session.user;
    res.locals.session = session;
    next();
  };
}

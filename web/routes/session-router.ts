import { Router } from 'express';
import { z } from 'zod';
import {
  assertCsrfToken,
  assertSameOrigin,
  clearSessionCookie,
  clientAddress,
  readSessionCookie,
  sessionOf,
  setSessionCookie,
  type BrowserSessions,
  type PasswordLogin,
} from '../auth/index.js';
import { BadRequestError, UnauthenticatedError } from '../errors.js';

const loginSchema = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

export interface SessionRouterDeps {
  sessions: BrowserSessions;
  /** The app's one password check (shared with `/api/tokens`, so they share the throttle). */
  login: PasswordLogin;
}

/**
 * `/api/session`: the browser's sign-in. Mounted before `authenticate`, since signing in
 * is how a browser gets its credential; each handler checks what it needs itself.
 */
export function sessionRouter(deps: SessionRouterDeps): Router {
  const router = Router();
  const { sessions, login } = deps;

  router.post('/', async (req, res) => {
    // A forged sign-in from another page would put the victim in the attacker's account.
    assertSameOrigin(req);
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw new BadRequestError('Send `{"name": "…", "password": "…"}`.');
    const user = await login.check(parsed.data.name, parsed.data.password, clientAddress(req));
    // A new id at every sign-in, and the old session (if any) ends: no session fixation.
    const previous = readSessionCookie(req);
    if (previous !== undefined) sessions.end(previous);
    const session = sessions.start(user.id);
    setSessionCookie(req, res, session.id, session.cookieMaxAgeMs);
    res.status(201).json({ user, csrfToken: session.csrfToken });
  });

  router.get('/', (req, res) => {
    const session = sessionOf(req, res, sessions);
    if (!session) throw new UnauthenticatedError('You are not signed in.');
    res.json({ user: session.user, csrfToken: session.csrfToken });
  });

  /** Sign-out: idempotent (no live session: just clears the cookie), but a live one needs the CSRF token. */
  router.delete('/', (req, res) => {
    const session = sessionOf(req, res, sessions);
    if (session) {
      assertSameOrigin(req);
      assertCsrfToken(req, session.csrfToken);
      sessions.revoke(session);
    }
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}

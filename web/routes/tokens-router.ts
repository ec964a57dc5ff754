import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { clientAddress, currentTokenId, currentUser, hashApiToken, newApiToken, type PasswordLogin } from '../auth/index.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { Store, TokenInfo } from '../store/index.js';

const DAY_MS = 24 * 3600_000;
/**
 * Working tokens one user may hold: each sign-in here makes a row, and a script signing
 * in in a loop must not grow the database without bound. Far more than a person uses.
 */
export const MAX_LIVE_TOKENS = 100;
/** Revoked and expired rows are kept this long (so the 401 can say why), then deleted. */
const KEEP_DEAD_TOKENS_MS = 30 * DAY_MS;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface TokensRouterDeps {
  store: Store;
  /** The app's one password check (shared with `/api/session`, so they share the throttle). */
  login: PasswordLogin;
  /** For listing and revoking: those need a signed-in user, signing in does not. */
  authenticate: RequestHandler;
  /** Lifetime of a new token, and the most `expiresInDays` may ask for. */
  tokenTtlDays: number;
}

/**
 * `/api/tokens`: name and password in, a new API token out (for the CLI, or a student's
 * script); the caller's own tokens listed and revoked. Sign-in uses the same
 * `PasswordLogin` as the browser's, so guesses here count against the same throttle
 * (429 after too many) and unknown names cost the same time.
 */
export function tokensRouter(deps: TokensRouterDeps): Router {
  const { store, login, tokenTtlDays } = deps;
  const loginSchema = z
    .object({
      name: z.string().min(1).max(64),
      password: z.string().min(1).max(200),
      /** Shown in `GET /api/tokens`, to tell tokens apart; no control characters (it ends up in terminals). */
      label: z.string().trim().min(1).max(100).regex(/^\P{Cc}+$/u).optional(),
      expiresInDays: z.number().int().min(1).max(tokenTtlDays).optional(),
    })
    .strict();
  const router = Router();

  router.post('/', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.path[0] === 'expiresInDays') throw new BadRequestError(`\`expiresInDays\` must be a whole number from 1 to ${tokenTtlDays}.`);
      throw new BadRequestError('Send `{"name": "…", "password": "…"}` (optionally `"label"` and `"expiresInDays"`).');
    }
    const { name, password, label, expiresInDays } = parsed.data;
    const user = await login.check(name, password, clientAddress(req));
    const now = Date.now();
    store.users.deleteDeadTokens(now - KEEP_DEAD_TOKENS_MS);
    if (store.users.countLiveTokens(user.id, now) >= MAX_LIVE_TOKENS) {
      throw new ConflictError(`You already have ${MAX_LIVE_TOKENS} API tokens that work: revoke some first (GET /api/tokens, then DELETE /api/tokens/<id>).`);
    }
    const token = newApiToken();
    const expiresAt = now + (expiresInDays ?? tokenTtlDays) * DAY_MS;
    const id = store.users.addToken(user.id, hashApiToken(token), label ?? 'password login', expiresAt, now);
    res.status(201).json({ user, token, id, expiresAt: iso(expiresAt) });
  });

  router.get('/', deps.authenticate, (_req, res) => {
    const current = currentTokenId(res);
    const now = Date.now();
    const tokens = store.users.listTokens(currentUser(res).id).map((token: TokenInfo) => ({
      id: token.id,
      label: token.label,
      createdAt: iso(token.createdAt),
      expiresAt: iso(token.expiresAt),
      lastUsedAt: iso(token.lastUsedAt),
      expired: token.expiresAt !== null && token.expiresAt <= now,
      current: token.id === current,
    }));
    res.json({ tokens });
  });

  router.delete('/:id', deps.authenticate, (req, res) => {
    const id = Number(req.params.id);
    // Someone else's token is "not found" too: whether it exists is none of the caller's business.
    if (!Number.isSafeInteger(id) || !store.users.revokeToken(currentUser(res).id, id)) throw new NotFoundError(`You have no API token ${req.params.id}.`);
    res.status(204).end();
  });

  return router;
}

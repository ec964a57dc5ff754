import type { Response } from 'express';
import { UnauthenticatedError } from '../errors.js';
import type { User, UserStore } from '../store/index.js';
import { hashApiToken } from './api-tokens.js';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/** The last use is written at most this often per token: not a database write per request. */
const TOUCH_STEP_MS = 60_000;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The owner of the bearer token in an `Authorization` header, and the token's id.
 * Malformed, unknown, revoked or expired: 401 (with `WWW-Authenticate: Bearer`, from
 * the error handler), saying which, so a script's author knows what to do.
 */
export function userFromBearer(authorization: string, users: UserStore, now = Date.now()): { user: User; tokenId: number } {
  const match = BEARER.exec(authorization);
  if (!match) throw new UnauthenticatedError();
  return userFromToken(match[1]!, users, now);
}

/** The owner of an API token, however it came (a bearer header, git's basic-auth password: issue #10); 401 as above. */
export function userFromToken(secret: string, users: UserStore, now = Date.now()): { user: User; tokenId: number } {
  const token = users.tokenByHash(hashApiToken(secret));
  if (!token) throw new UnauthenticatedError('This API token is not valid (mistyped, or from another sockgrade).');
  if (token.revokedAt !== null) {
    throw new UnauthenticatedError(`This API token was revoked on ${day(token.revokedAt)}: get a new one (POST /api/tokens, or ask your teacher).`);
  }
  if (token.expiresAt !== null && token.expiresAt <= now) {
    throw new UnauthenticatedError(`This API token expired on ${day(token.expiresAt)}: get a new one (POST /api/tokens, or ask your teacher).`);
  }
  if (token.lastUsedAt === null || now - token.lastUsedAt >= TOUCH_STEP_MS) users.touchToken(token.id, now);
  return { user: token.user, tokenId: token.id };
}

/** The signed-in user of a request that passed `authenticate`. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** The id of the API token this request came with; undefined for a browser session. */
export function currentTokenId(res: Response): number | undefined {
  return res.locals.tokenId as number | undefined;
}

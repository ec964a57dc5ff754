import type { Response } from 'express';
import { UnauthenticatedError } from '../errors.js';
import type { User, UserStore } from '../store/index.js';
import { hashApiToken } from './api-tokens.js';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/**
 * The owner of the bearer token in an `Authorization` header. Malformed, or a token we
 * do not know: 401 (with `WWW-Authenticate: Bearer`, from the error handler).
 */
export function userFromBearer(authorization: string, users: UserStore): User {
  const match = BEARER.exec(authorization);
  if (!match) throw new UnauthenticatedError();
  const user = users.byTokenHash(hashApiToken(match[1]!));
  if (!user) throw new UnauthenticatedError('This API token is not valid (mistyped, or revoked).');
  return user;
}

/** The signed-in user of a request that passed `authenticate`. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new UnauthenticatedError();
  return user;
}

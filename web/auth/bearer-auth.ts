import type { RequestHandler, Response } from 'express';
import { UnauthenticatedError } from '../errors.js';
import type { User, UserStore } from '../store/index.js';
import { hashApiToken } from './api-tokens.js';

/**
 * Every `/api` route past this one has a user: the owner of the bearer token. No token,
 * or one we do not know: 401 with `WWW-Authenticate: Bearer`.
 */
export function bearerAuth(users: UserStore): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i.exec(req.get('authorization') ?? '');
    if (!match) throw new UnauthenticatedError();
    const user = users.byTokenHash(hashApiToken(match[1]!));
    if (!user) throw new UnauthenticatedError('This API token is not valid (mistyped, or revoked).');
    res.locals.user = user;
    next();
  };
}

/** The signed-in user of a request that passed `bearerAuth`. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new UnauthenticatedError();
  return user;
}

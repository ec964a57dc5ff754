import { Router } from 'express';
import { z } from 'zod';
import { hashApiToken, newApiToken, type PasswordLogin } from '../auth/index.js';
import { BadRequestError } from '../errors.js';
import type { Store } from '../store/index.js';

const loginSchema = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

/**
 * `/api/tokens`: name and password in, a new API token out (for the CLI, or a student's
 * script). The same `PasswordLogin` as the browser's sign-in, so guesses here count
 * against the same throttle (429 after too many) and unknown names cost the same time.
 */
export function tokensRouter(store: Store, login: PasswordLogin): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw new BadRequestError('Send `{"name": "…", "password": "…"}`.');
    const user = await login.check(parsed.data.name, parsed.data.password);
    const token = newApiToken();
    store.users.addToken(user.id, hashApiToken(token), 'password login');
    res.status(201).json({ user, token });
  });
  return router;
}

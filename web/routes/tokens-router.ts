import { Router } from 'express';
import { z } from 'zod';
import { hashApiToken, hashPassword, newApiToken, verifyPassword } from '../auth/index.js';
import { BadRequestError, UnauthenticatedError } from '../errors.js';
import type { Store } from '../store/index.js';

const loginSchema = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

/** `/api/tokens`: name and password in, a new API token out (for the CLI, or a student's script). */
export function tokensRouter(store: Store): Router {
  const router = Router();
  // Compared against when the name is unknown, so the answer takes as long either way.
  let decoy: Promise<string> | undefined;
  router.post('/', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw new BadRequestError('Send `{"name": "…", "password": "…"}`.');
    const user = store.users.byName(parsed.data.name);
    decoy ??= hashPassword('decoy password');
    const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoy));
    if (!user || !user.passwordHash || !ok) throw new UnauthenticatedError('Wrong name or password.');
    const token = newApiToken();
    store.users.addToken(user.id, hashApiToken(token), 'password login');
    res.status(201).json({ user: { id: user.id, name: user.name, role: user.role }, token });
  });
  return router;
}

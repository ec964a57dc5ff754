import { Router } from 'express';
import { z } from 'zod';
import { currentUser, hashApiToken, newApiToken, requireTeacher, type PasswordHasher } from '../auth/index.js';
import { BadRequestError, ConflictError } from '../errors.js';
import type { Store } from '../store/index.js';

export const userNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'use letters, digits, `.`, `_`, `@` and `-` only');

const newUserSchema = z
  .object({
    name: userNameSchema,
    role: z.enum(['student', 'teacher']).default('student'),
    /** Optional: for `POST /api/tokens` (and the browser later); API tokens need none. */
    password: z.string().min(8).max(200).optional(),
  })
  .strict();

/**
 * `/api/users`: a teacher adds a student or teacher and gets the new user's first API
 * token, to hand over. The token is shown once; only its hash is kept. It does not
 * expire (it may be the student's only credential for the whole course) but can be
 * revoked like any other. The password is hashed through the app's `PasswordHasher`.
 */
export function usersRouter(store: Store, hasher: PasswordHasher): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    requireTeacher(currentUser(res), 'add users');
    const parsed = newUserSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadRequestError(`\`${issue.path.join('.') || 'body'}\`: ${issue.message}.`);
    }
    const { name, role, password } = parsed.data;
    if (store.users.byName(name)) throw new ConflictError(`There is already a user \`${name}\`.`);
    const passwordHash = password === undefined ? null : await hasher.hash(password);
    // Checked again after the slow hash: a parallel request may have taken the name.
    if (store.users.byName(name)) throw new ConflictError(`There is already a user \`${name}\`.`);
    const user = store.users.create({ name, role, passwordHash });
    const token = newApiToken();
    store.users.addToken(user.id, hashApiToken(token), 'created with the user');
    res.status(201).json({ user, token });
  });
  return router;
}

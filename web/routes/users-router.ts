import { Router } from 'express';
import { z } from 'zod';
import { currentUser, hashApiToken, newApiToken, requireTeacher, type PasswordHasher } from '../auth/index.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Store, User } from '../store/index.js';
import { checkRoster, generatePassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../users/roster.js';
import { parseBody } from './parse-body.js';

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

const rosterSchema = z.object({ csv: z.string().max(256 * 1024), dryRun: z.boolean().default(false) }).strict();
const passwordResetSchema = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH).optional() }).strict();
const tokenSchema = z.object({ label: z.string().trim().max(100).optional() }).strict();

/** A roster's name check: the same rule as `POST /api/users`. */
function nameProblem(name: string): string | null {
  const parsed = userNameSchema.safeParse(name);
  return parsed.success ? null : parsed.error.issues[0]!.message;
}

/** `work` over `items`, at most `limit` at once, results in the items' order. */
async function mapAtMost<T, R>(limit: number, items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** A student named by `:id`; a teacher's account is not another teacher's to take over. */
function studentOf(store: Store, id: string): User {
  const user = /^[1-9][0-9]{0,15}$/.test(id) ? store.users.byId(Number(id)) : undefined;
  if (!user) throw new NotFoundError(`There is no user ${id}.`);
  if (user.role !== 'student') throw new ForbiddenError('Only students’ passwords and tokens can be set here; a teacher signs in and manages their own.');
  return user;
}

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

  router.get('/', (_req, res) => {
    requireTeacher(currentUser(res), 'list users');
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    res.json({
      users: store.course.userSummaries().map((user) => ({ ...user, createdAt: iso(user.createdAt), lastSubmissionAt: iso(user.lastSubmissionAt) })),
    });
  });

  // Issue #9: a class list at once. `dryRun` previews; otherwise all lines or none.
  router.post('/roster', async (req, res) => {
    requireTeacher(currentUser(res), 'import a roster');
    const { csv, dryRun } = parseBody(rosterSchema, req.body);
    const { entries, problems } = checkRoster(csv, { nameProblem, exists: (name) => store.users.byName(name) !== undefined });
    const preview = entries.map((entry) => ({ line: entry.line, name: entry.name, passwordGenerated: entry.generated }));
    if (dryRun) {
      res.json({ dryRun: true, ok: problems.length === 0, create: preview, problems });
      return;
    }
    if (problems.length > 0) {
      const count = problems.length === 1 ? '1 line has a problem' : `${problems.length} lines have problems`;
      res.status(400).json({ error: { code: 'ROSTER_INVALID', message: `Nothing was created: ${count}. Fix them and import again.`, problems } });
      return;
    }
    // Two at a time: a password hash is a deliberately costly computation (tens of MiB, a
    // core for a good fraction of a second), and a class list must not starve sign-ins.
    const hashes = await mapAtMost(2, entries, (entry) => hasher.hash(entry.password));
    let users: User[];
    try {
      users = store.users.createMany(entries.map((entry, i) => ({ name: entry.name, role: 'student' as const, passwordHash: hashes[i]! })));
    } catch (error) {
      // Someone added one of these names while the passwords were hashed: still nothing created.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ConflictError('A user of one of these names was just added; nothing was created. Preview the roster again.');
      throw error;
    }
    res.status(201).json({
      created: users.map((user, i) => ({ line: entries[i]!.line, user, ...(entries[i]!.generated ? { password: entries[i]!.password } : {}) })),
    });
  });

  router.post('/:id/password', async (req, res) => {
    requireTeacher(currentUser(res), 'reset passwords');
    const user = studentOf(store, req.params.id);
    const { password } = parseBody(passwordResetSchema, req.body);
    const chosen = password ?? generatePassword();
    store.users.setPasswordHash(user.id, await hasher.hash(chosen));
    res.json({ user, ...(password === undefined ? { password: chosen } : {}) });
  });

  router.post('/:id/tokens', (req, res) => {
    requireTeacher(currentUser(res), 'issue API tokens');
    const user = studentOf(store, req.params.id);
    const { label } = parseBody(tokenSchema, req.body);
    const token = newApiToken();
    store.users.addToken(user.id, hashApiToken(token), label || 'issued by a teacher');
    res.status(201).json({ user, token });
  });
  return router;
}

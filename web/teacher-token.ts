import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashApiToken, newApiToken } from './auth/index.js';
import type { Store, User } from './store/index.js';

/** The teacher account the service creates for itself. */
export const ADMIN_USER = 'admin';

export class AdminUserError extends Error {
  readonly code = 'ADMIN_USER_INVALID';
}

function ensureAdminUser(store: Store): User {
  const existing = store.users.byName(ADMIN_USER);
  if (existing && existing.role !== 'teacher') {
    throw new AdminUserError(`The user \`${ADMIN_USER}\` exists and is a ${existing.role}; the service needs it to be a teacher.`);
  }
  return existing ? { id: existing.id, name: existing.name, role: existing.role } : store.users.create({ name: ADMIN_USER, role: 'teacher' });
}

/** `SOCKGRADE_ADMIN_TOKEN`: after this, that value is a teacher's API token (for automation and CI). */
export function ensureAdminToken(store: Store, token: string): User {
  const user = ensureAdminUser(store);
  const owner = store.users.byTokenHash(hashApiToken(token));
  if (owner && owner.id !== user.id) throw new AdminUserError('SOCKGRADE_ADMIN_TOKEN is already the token of another user.');
  store.users.addToken(user.id, hashApiToken(token), 'SOCKGRADE_ADMIN_TOKEN');
  return user;
}

/**
 * The teacher token printed at start: made once and kept in `<data>/teacher-token`
 * (mode 0600, next to the database it unlocks), so it stays the same across restarts.
 * The database keeps only its hash.
 */
export async function ensureStartupToken(store: Store, dataDir: string): Promise<{ token: string; file: string }> {
  const user = ensureAdminUser(store);
  const file = join(dataDir, 'teacher-token');
  const saved = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (saved && store.users.byTokenHash(hashApiToken(saved))?.id === user.id) return { token: saved, file };
  const token = newApiToken();
  store.users.addToken(user.id, hashApiToken(token), 'printed at start');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}

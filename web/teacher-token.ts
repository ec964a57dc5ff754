import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { hashApiToken, maskToken, newApiToken } from './auth/index.js';
import type { Store, User } from './store/index.js';

/** The teacher account the service creates for itself. */
export const ADMIN_USER = 'admin';
/** The label of the token row `SOCKGRADE_ADMIN_TOKEN` made: how a later start finds it to revoke. */
export const ADMIN_TOKEN_LABEL = 'SOCKGRADE_ADMIN_TOKEN';
/** The label of the token `npm start` prints (kept in `<data>/teacher-token`). */
export const STARTUP_TOKEN_LABEL = 'printed at start';

export class AdminUserError extends Error {
  readonly code = 'ADMIN_USER_INVALID';
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function ensureAdminUser(store: Store): User {
  const existing = store.users.byName(ADMIN_USER);
  if (existing && existing.role !== 'teacher') {
    throw new AdminUserError(`The user \`${ADMIN_USER}\` exists and is a ${existing.role}; the service needs it to be a teacher.`);
  }
  return existing ? { id: existing.id, name: existing.name, role: existing.role } : store.users.create({ name: ADMIN_USER, role: 'teacher' });
}

/**
 * `SOCKGRADE_ADMIN_TOKEN`: after this, that value is a teacher's API token (for
 * automation and CI), and any earlier value is revoked: rotating the setting is how a
 * leaked admin token is retired (issue #12). A value revoked before is refused rather
 * than brought back. Returns how many earlier values were revoked.
 */
export function ensureAdminToken(store: Store, token: string, now = Date.now()): { user: User; revoked: number } {
  const user = ensureAdminUser(store);
  const hash = hashApiToken(token);
  const existing = store.users.tokenByHash(hash);
  if (existing && existing.user.id !== user.id) throw new AdminUserError('SOCKGRADE_ADMIN_TOKEN is already the token of another user.');
  if (existing && existing.revokedAt !== null) {
    throw new AdminUserError(`SOCKGRADE_ADMIN_TOKEN is a value that was revoked on ${day(existing.revokedAt)}: choose a new one (for example \`openssl rand -hex 32\`).`);
  }
  store.users.addToken(user.id, hash, ADMIN_TOKEN_LABEL, null, now);
  return { user, revoked: store.users.revokeLabelled(user.id, ADMIN_TOKEN_LABEL, hash, now) };
}

/** `SOCKGRADE_ADMIN_TOKEN` is unset: a value it had at an earlier start stops working. Returns how many were revoked. */
export function revokeAdminTokens(store: Store, now = Date.now()): number {
  const admin = store.users.byName(ADMIN_USER);
  return admin ? store.users.revokeLabelled(admin.id, ADMIN_TOKEN_LABEL, null, now) : 0;
}

/**
 * The teacher token printed at start: made once and kept in `<data>/teacher-token`
 * (mode 0600, next to the database it unlocks), so it stays the same across restarts.
 * The database keeps only its hash. `created`: made just now (the file was missing, or
 * held a token that no longer works); an earlier printed token is then revoked, so a
 * deleted file is also how to replace a leaked one.
 */
export async function ensureStartupToken(store: Store, dataDir: string): Promise<{ token: string; file: string; created: boolean }> {
  const user = ensureAdminUser(store);
  const file = join(dataDir, 'teacher-token');
  const saved = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (saved && store.users.byTokenHash(hashApiToken(saved))?.id === user.id) return { token: saved, file, created: false };
  const token = newApiToken();
  const hash = hashApiToken(token);
  store.users.addToken(user.id, hash, STARTUP_TOKEN_LABEL);
  store.users.revokeLabelled(user.id, STARTUP_TOKEN_LABEL, hash);
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  // `mode` applies only to a new file: one left from before keeps its mode otherwise.
  await chmod(file, 0o600);
  return { token, file, created: true };
}

/** `data/teacher-token` as a shell word (quoted when it needs to be). */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/**
 * The start-up lines about the teacher token. It is shown in full only at the start that made it (the
 * file keeps it); later starts show it masked, and the example reads the file, so the
 * token does not land in every terminal scroll-back and log of every start (issue #12).
 */
export function tokenLines(teacherToken: { token: string; file: string; created: boolean } | null, url: string, cwd = process.cwd()): string[] {
  if (!teacherToken) {
    return ['  teacher token: the value of SOCKGRADE_ADMIN_TOKEN', `  try:  curl -H "Authorization: Bearer $SOCKGRADE_ADMIN_TOKEN" ${url}/api/assignments`];
  }
  const file = relative(cwd, teacherToken.file) || teacherToken.file;
  return [
    teacherToken.created
      ? `  teacher token: ${teacherToken.token}   (new: shown only this once, kept in ${file})`
      : `  teacher token: ${maskToken(teacherToken.token)}   (kept in ${file})`,
    `  try:  curl -H "Authorization: Bearer $(cat ${shellWord(file)})" ${url}/api/assignments`,
  ];
}

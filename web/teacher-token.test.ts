import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashApiToken } from './auth/index.js';
import { openStore, type Store } from './store/index.js';
import { AdminUserError, ensureAdminToken, ensureStartupToken, revokeAdminTokens, tokenLines } from './teacher-token.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-teacher-token-'));
  store = openStore(join(dir, 'sockgrade.db'));
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const works = (token: string) => store.users.byTokenHash(hashApiToken(token)) !== undefined;
const OLD = 'sgk_test_old_admin_token_value';
const NEW = 'sgk_test_new_admin_token_value';

describe('SOCKGRADE_ADMIN_TOKEN rotation (issue #12)', () => {
  it('revokes the earlier value when the setting changes, and keeps the same value across starts', () => {
    expect(ensureAdminToken(store, OLD).revoked).toBe(0);
    expect(ensureAdminToken(store, OLD).revoked).toBe(0);
    expect(works(OLD)).toBe(true);

    expect(ensureAdminToken(store, NEW).revoked).toBe(1);
    expect(works(NEW)).toBe(true);
    expect(works(OLD)).toBe(false);
    expect(store.users.tokenByHash(hashApiToken(OLD))?.revokedAt).toEqual(expect.any(Number));
    // Survives a restart: a new store on the same file.
    store.close();
    store = openStore(join(dir, 'sockgrade.db'));
    expect(ensureAdminToken(store, NEW).revoked).toBe(0);
    expect(works(OLD)).toBe(false);
  });

  it('refuses to bring back a revoked value', () => {
    ensureAdminToken(store, OLD);
    ensureAdminToken(store, NEW);
    expect(() => ensureAdminToken(store, OLD)).toThrow(AdminUserError);
    expect(() => ensureAdminToken(store, OLD)).toThrow(/was revoked on \d{4}-\d\d-\d\d: choose a new one/);
    expect(works(NEW)).toBe(true);
  });

  it('revokes the value when the setting is removed, and leaves other teacher tokens alone', async () => {
    expect(revokeAdminTokens(store)).toBe(0);
    ensureAdminToken(store, OLD);
    const printed = await ensureStartupToken(store, dir);
    expect(revokeAdminTokens(store)).toBe(1);
    expect(works(OLD)).toBe(false);
    expect(works(printed.token)).toBe(true);
  });
});

describe('the teacher token npm start prints (issue #12)', () => {
  it('is made once, kept in a 0600 file, and printed in full only at the start that made it', async () => {
    const first = await ensureStartupToken(store, dir);
    expect(first).toMatchObject({ token: expect.stringMatching(/^sgk_/), file: join(dir, 'teacher-token'), created: true });
    expect((await readFile(first.file, 'utf8')).trim()).toBe(first.token);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    const firstLines = tokenLines(first, 'http://127.0.0.1:3000', dir).join('\n');
    expect(firstLines.split(first.token)).toHaveLength(2); // exactly once
    expect(firstLines).toContain('shown only this once');

    const again = await ensureStartupToken(store, dir);
    expect(again).toEqual({ ...first, created: false });
    const lines = tokenLines(again, 'http://127.0.0.1:3000', dir);
    expect(lines.join('\n')).not.toContain(first.token);
    expect(lines).toEqual([
      `  teacher token: ${first.token.slice(0, 8)}…   (kept in teacher-token)`,
      '  try:  curl -H "Authorization: Bearer $(cat teacher-token)" http://127.0.0.1:3000/api/assignments',
    ]);
  });

  it('is replaced, and the old one revoked, when the file is gone', async () => {
    const first = await ensureStartupToken(store, dir);
    await unlink(first.file);
    const second = await ensureStartupToken(store, dir);
    expect(second.created).toBe(true);
    expect(second.token).not.toBe(first.token);
    expect(works(second.token)).toBe(true);
    expect(works(first.token)).toBe(false);
  });

  it('with SOCKGRADE_ADMIN_TOKEN set, is never printed', () => {
    expect(tokenLines(null, 'http://127.0.0.1:3000').join('\n')).toBe(
      '  teacher token: the value of SOCKGRADE_ADMIN_TOKEN\n  try:  curl -H "Authorization: Bearer $SOCKGRADE_ADMIN_TOKEN" http://127.0.0.1:3000/api/assignments',
    );
    expect(tokenLines({ token: 'sgk_x', file: '/srv/my data/teacher-token', created: false }, 'http://h', '/').join('\n')).toContain("$(cat 'srv/my data/teacher-token')");
  });
});

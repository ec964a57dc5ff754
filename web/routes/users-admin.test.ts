import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/index.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
let teacher: string;
let ada: { id: number; token: string };

beforeEach(async () => {
  h = await startApiHarness();
  teacher = h.addUser('teacher', 'teacher').token;
  ada = h.addUser('ada', 'student');
});
afterEach(() => h.close());

describe('GET /api/users', () => {
  it('lists everyone with role, creation time, last submission and counts, for teachers only', async () => {
    const first = h.store.submissions.create({ userId: ada.id, assignmentId: 'echo-tcp-server', files: {} }, Date.UTC(2026, 10, 1));
    h.store.submissions.create({ userId: ada.id, assignmentId: 'echo-tcp-server', files: {} }, Date.UTC(2026, 10, 2));
    h.store.submissions.create({ userId: ada.id, assignmentId: 'echo-udp-server', files: {} }, Date.UTC(2026, 10, 3));
    expect(first.id).toEqual(expect.any(String));
    const list = await h.api('GET', '/api/users', teacher);
    expect(list.status).toBe(200);
    expect(list.body.users).toEqual([
      { id: ada.id, name: 'ada', role: 'student', createdAt: expect.stringMatching(/^\d{4}-/), lastSubmissionAt: '2026-11-03T00:00:00.000Z', submissions: 3, assignments: 2 },
      { id: expect.any(Number), name: 'teacher', role: 'teacher', createdAt: expect.any(String), lastSubmissionAt: null, submissions: 0, assignments: 0 },
    ]);
    expect((await h.api('GET', '/api/users', ada.token)).status).toBe(403);
  });
});

describe('POST /api/users/roster', () => {
  const bad = 'name,password\nbob\ncleo,short\ndan,long-enough-pw\n';
  const fixed = 'name,password\nbob\ncleo,long-enough\ndan,long-enough-pw\n';

  it('previews with per-line errors, refuses the whole roster while one line is bad, then creates all at once', async () => {
    const preview = await h.api('POST', '/api/users/roster', teacher, { csv: bad, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      dryRun: true,
      ok: false,
      create: [
        { line: 2, name: 'bob', passwordGenerated: true },
        { line: 4, name: 'dan', passwordGenerated: false },
      ],
      problems: [{ line: 3, name: 'cleo', message: 'the password is 5 characters; use at least 8, or leave it empty to have one generated' }],
    });
    const refused = await h.api('POST', '/api/users/roster', teacher, { csv: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'ROSTER_INVALID', message: 'Nothing was created: 1 line has a problem. Fix them and import again.', problems: [{ line: 3 }] });
    expect(h.store.users.count()).toBe(2);

    const created = await h.api('POST', '/api/users/roster', teacher, { csv: fixed, dryRun: false });
    expect(created.status).toBe(201);
    expect(created.body.created.map((c: { line: number; user: { name: string }; password?: string }) => [c.line, c.user.name, c.password !== undefined])).toEqual([
      [2, 'bob', true],
      [3, 'cleo', false],
      [4, 'dan', false],
    ]);
    const bob = h.store.users.byName('bob')!;
    expect(bob.role).toBe('student');
    expect(await verifyPassword(created.body.created[0].password, bob.passwordHash!)).toBe(true);
    expect(await verifyPassword('long-enough', h.store.users.byName('cleo')!.passwordHash!)).toBe(true);
    // The same roster again: every line names an existing user now.
    const again = await h.api('POST', '/api/users/roster', teacher, { csv: fixed, dryRun: true });
    expect(again.body.problems.map((p: { line: number; message: string }) => [p.line, p.message])).toEqual([
      [2, 'there is already a user `bob`'],
      [3, 'there is already a user `cleo`'],
      [4, 'there is already a user `dan`'],
    ]);
  });

  it('refuses students and malformed bodies', async () => {
    expect((await h.api('POST', '/api/users/roster', ada.token, { csv: 'x' })).status).toBe(403);
    const noCsv = await h.api('POST', '/api/users/roster', teacher, { dryRun: true });
    expect(noCsv.status).toBe(400);
    expect(noCsv.body.error.message).toMatch(/^`csv`:/);
    expect(h.store.users.count()).toBe(2);
  });
});

describe('passwords and tokens for a student', () => {
  it('resets a password (generated and shown once, or chosen), ending the student’s sessions', async () => {
    h.store.sessions.create({ idHash: 'h', userId: ada.id, csrfToken: 'c', expiresAt: Date.now() + 60_000 });
    const reset = await h.api('POST', `/api/users/${ada.id}/password`, teacher, {});
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ user: { id: ada.id, name: 'ada', role: 'student' }, password: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) });
    expect(await verifyPassword(reset.body.password, h.store.users.byName('ada')!.passwordHash!)).toBe(true);
    expect(h.store.sessions.get('h')).toBeUndefined();
    const chosen = await h.api('POST', `/api/users/${ada.id}/password`, teacher, { password: 'a-new-secret' });
    expect(chosen.body).toEqual({ user: { id: ada.id, name: 'ada', role: 'student' } });
    expect(await verifyPassword('a-new-secret', h.store.users.byName('ada')!.passwordHash!)).toBe(true);
    expect((await h.api('POST', `/api/users/${ada.id}/password`, teacher, { password: 'short' })).status).toBe(400);
  });

  it('issues an API token that works at once', async () => {
    const issued = await h.api('POST', `/api/users/${ada.id}/tokens`, teacher, { label: 'lab PC' });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^sgk_/);
    expect((await h.api('GET', '/api/submissions', issued.body.token)).status).toBe(200);
  });

  it('refuses students, teachers as targets, and unknown ids', async () => {
    const other = h.addUser('other-teacher', 'teacher');
    expect((await h.api('POST', `/api/users/${ada.id}/password`, ada.token, {})).status).toBe(403);
    expect((await h.api('POST', `/api/users/${ada.id}/tokens`, ada.token, {})).status).toBe(403);
    expect((await h.api('POST', `/api/users/${other.id}/password`, teacher, {})).status).toBe(403);
    expect((await h.api('POST', `/api/users/${other.id}/tokens`, teacher, {})).status).toBe(403);
    expect((await h.api('POST', '/api/users/999/tokens', teacher, {})).status).toBe(404);
    expect((await h.api('POST', '/api/users/x/password', teacher, {})).status).toBe(404);
  });
});

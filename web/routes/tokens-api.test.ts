import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashApiToken, newApiToken } from '../auth/index.js';
import { startApiHarness, testPasswordHash, type ApiHarness } from '../testing/api-harness.js';
import { MAX_LIVE_TOKENS } from './tokens-router.js';

const DAY_MS = 24 * 3600_000;
let h: ApiHarness;

beforeEach(async () => {
  h = await startApiHarness();
  h.store.users.create({ name: 'ada', role: 'student', passwordHash: await testPasswordHash('ada password') });
  h.store.users.create({ name: 'bob', role: 'student', passwordHash: await testPasswordHash('bob password') });
});
afterEach(() => h.close());

const login = (name: string, extra: Record<string, unknown> = {}) => h.request('POST', '/api/tokens', { json: { name, password: `${name} password`, ...extra } });

describe('API token lifetime (issue #12)', () => {
  it('gives a token from POST /api/tokens 90 days by default, fewer on request, never more', async () => {
    const before = Date.now();
    const created = await login('ada');
    expect(created).toMatchObject({ status: 201, body: { user: { name: 'ada' }, token: expect.stringMatching(/^sgk_/), id: expect.any(Number) } });
    const expiresAt = Date.parse(created.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 90 * DAY_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);

    const week = await login('ada', { expiresInDays: 7, label: 'laptop' });
    expect(Date.parse(week.body.expiresAt) - Date.now()).toBeLessThanOrEqual(7 * DAY_MS);
    expect(Date.parse(week.body.expiresAt) - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect((await login('ada', { label: 'evil\u001b[2J' })).status).toBe(400);
    expect((await login('ada', { label: 'x'.repeat(101) })).status).toBe(400);
    for (const expiresInDays of [91, 0, 1.5, '7']) {
      const refused = await login('ada', { expiresInDays });
      expect(refused).toMatchObject({ status: 400, body: { error: { message: '`expiresInDays` must be a whole number from 1 to 90.' } } });
    }
  });

  it('follows SOCKGRADE_TOKEN_TTL_DAYS', async () => {
    await h.close();
    h = await startApiHarness({ auth: { tokenTtlDays: 30 } });
    h.store.users.create({ name: 'ada', role: 'student', passwordHash: await testPasswordHash('ada password') });
    const created = await login('ada');
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * DAY_MS);
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(29 * DAY_MS);
    expect((await login('ada', { expiresInDays: 31 })).status).toBe(400);
  });

  it('keeps at most 100 working tokens per user, and drops rows dead for 30 days', async () => {
    const ada = h.store.users.byName('ada')!;
    const now = Date.now();
    for (let i = 0; i < MAX_LIVE_TOKENS - 1; i++) h.store.users.addToken(ada.id, hashApiToken(newApiToken()), 'script', now + DAY_MS);
    const expiredLongAgo = newApiToken();
    h.store.users.addToken(ada.id, hashApiToken(expiredLongAgo), 'old', now - 31 * DAY_MS, now - 100 * DAY_MS);
    const last = await login('ada');
    expect(last.status).toBe(201);
    expect(h.store.users.tokenByHash(hashApiToken(expiredLongAgo))).toBeUndefined();
    const refused = await login('ada');
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: expect.stringMatching(/^You already have 100 API tokens that work: revoke some first/) } } });
    expect((await h.api('DELETE', `/api/tokens/${last.body.id}`, last.body.token)).status).toBe(204);
    expect((await login('ada')).status).toBe(201);
  });

  it('refuses an expired token with 401 saying so', async () => {
    const ada = h.store.users.byName('ada')!;
    const token = newApiToken();
    h.store.users.addToken(ada.id, hashApiToken(token), 'old', Date.parse('2026-01-31T12:00:00Z'), Date.parse('2025-11-01T12:00:00Z'));
    const refused = await h.api('GET', '/api/submissions', token);
    expect(refused).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'This API token expired on 2026-01-31: get a new one (POST /api/tokens, or ask your teacher).' } },
    });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('GET /api/tokens and DELETE /api/tokens/:id (issue #12)', () => {
  it('lists only the caller’s own tokens, never a token or its hash, and marks the one in use', async () => {
    const first = (await login('ada', { label: 'laptop' })).body;
    const second = (await login('ada')).body;
    await login('bob');
    // The teacher's kind: no expiry.
    const handed = h.addUser('cleo', 'student').token;

    const list = await h.api('GET', '/api/tokens', second.token);
    expect(list.status).toBe(200);
    expect(list.body.tokens).toEqual([
      { id: first.id, label: 'laptop', createdAt: expect.any(String), expiresAt: first.expiresAt, lastUsedAt: null, expired: false, current: false },
      { id: second.id, label: 'password login', createdAt: expect.any(String), expiresAt: second.expiresAt, lastUsedAt: expect.any(String), expired: false, current: true },
    ]);
    expect(list.text).not.toContain(first.token);
    expect(list.text).not.toContain(hashApiToken(first.token));
    expect((await h.api('GET', '/api/tokens', handed)).body.tokens).toEqual([expect.objectContaining({ label: 'test', expiresAt: null, current: true })]);
    expect((await h.api('GET', '/api/tokens')).status).toBe(401);
  });

  it('revokes one’s own token (then 401 saying so), and answers 404 for someone else’s', async () => {
    const ada = (await login('ada')).body;
    const adaOther = (await login('ada')).body;
    const bob = (await login('bob')).body;

    const foreign = await h.api('DELETE', `/api/tokens/${bob.id}`, ada.token);
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: `You have no API token ${bob.id}.` } } });
    expect((await h.api('GET', '/api/submissions', bob.token)).status).toBe(200);
    expect((await h.api('DELETE', '/api/tokens/99999', ada.token)).status).toBe(404);
    expect((await h.api('DELETE', '/api/tokens/abc', ada.token)).status).toBe(404);

    expect((await h.api('DELETE', `/api/tokens/${adaOther.id}`, ada.token)).status).toBe(204);
    const revoked = await h.api('GET', '/api/submissions', adaOther.token);
    expect(revoked).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/^This API token was revoked on \d{4}-\d\d-\d\d: get a new one/) } } });
    expect((await h.api('DELETE', `/api/tokens/${adaOther.id}`, ada.token)).status).toBe(404);
    expect((await h.api('GET', '/api/tokens', ada.token)).body.tokens.map((t: { id: number }) => t.id)).toEqual([ada.id]);
    // Revoking the token in use works too; it is the last thing it does.
    expect((await h.api('DELETE', `/api/tokens/${ada.id}`, ada.token)).status).toBe(204);
    expect((await h.api('GET', '/api/tokens', ada.token)).status).toBe(401);
  });

  it('from the browser, revoking needs the session’s CSRF token', async () => {
    const token = (await login('ada')).body;
    const session = await h.request('POST', '/api/session', { json: { name: 'ada', password: 'ada password' } });
    const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await h.request('GET', '/api/tokens', { headers: { cookie } })).body.tokens).toHaveLength(1);
    expect((await h.request('DELETE', `/api/tokens/${token.id}`, { headers: { cookie } })).status).toBe(403);
    expect((await h.request('DELETE', `/api/tokens/${token.id}`, { headers: { cookie, 'x-csrf-token': session.body.csrfToken } })).status).toBe(204);
    expect((await h.api('GET', '/api/submissions', token.token)).status).toBe(401);
  });
});

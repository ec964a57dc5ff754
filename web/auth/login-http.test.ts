import { afterEach, describe, expect, it } from 'vitest';
import { startApiHarness, testPasswordHash, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness | undefined;
afterEach(() => h?.close());

const wrong = (name: string, path: string, headers: Record<string, string> = {}) => h!.request('POST', path, { json: { name, password: 'guess' }, headers });

describe('sign-in throttling per client address (issue #12)', () => {
  it('refuses an address after 20 wrong sign-ins with ever-new names, through /api/tokens and /api/session alike, whatever X-Forwarded-For says', async () => {
    h = await startApiHarness();
    h.store.users.create({ name: 'ada', role: 'student', passwordHash: await testPasswordHash('ada password') });
    for (let i = 0; i < 20; i++) {
      const response = await wrong(`nobody-${i}`, i % 2 ? '/api/tokens' : '/api/session', { 'x-forwarded-for': `203.0.113.${i}` });
      expect(response.status).toBe(401);
    }
    // Even the right password of a name never tried: this address has used up its attempts.
    for (const path of ['/api/tokens', '/api/session']) {
      const refused = await h.request('POST', path, { json: { name: 'ada', password: 'ada password' }, headers: { 'x-forwarded-for': '198.51.100.1' } });
      expect(refused).toMatchObject({
        status: 429,
        body: { error: { code: 'TOO_MANY_ATTEMPTS', message: 'Too many wrong sign-ins from your network address: try again in 15 minutes.' } },
      });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(880);
      expect(retryAfter).toBeLessThanOrEqual(900);
    }
    expect(h.store.sessions.count()).toBe(0);
  });

  it('with SOCKGRADE_TRUST_PROXY, counts the client a trusted proxy names in X-Forwarded-For', async () => {
    h = await startApiHarness({ auth: { trustedProxies: ['loopback'] } });
    h.store.users.create({ name: 'ada', role: 'student', passwordHash: await testPasswordHash('ada password') });
    for (let i = 0; i < 20; i++) expect((await wrong(`nobody-${i}`, '/api/tokens', { 'x-forwarded-for': '203.0.113.1' })).status).toBe(401);
    expect((await wrong('nobody-20', '/api/tokens', { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
    // A client the proxy forwarded with a spoofed first entry: the proxy's own (right-most) entry counts.
    expect((await wrong('nobody-21', '/api/tokens', { 'x-forwarded-for': '198.51.100.9, 203.0.113.1' })).status).toBe(429);
    expect((await wrong('nobody-22', '/api/tokens', { 'x-forwarded-for': '203.0.113.2' })).status).toBe(401);
    const ada = await h.request('POST', '/api/session', { json: { name: 'ada', password: 'ada password' }, headers: { 'x-forwarded-for': '203.0.113.3' } });
    expect(ada.status).toBe(201);
  });
});

describe('bounded password hashing (issue #12)', () => {
  it('answers 503 BUSY with Retry-After when more hashes are asked for than run and wait at once', async () => {
    // One at a time and nobody waiting; a cost (2^16, ~0.2 s) that keeps the first busy while the others arrive.
    h = await startApiHarness({ auth: { hashing: { params: { N: 2 ** 16, r: 8, p: 1 }, concurrency: 1, maxQueued: 0 } } });
    const answers = await Promise.all([0, 1, 2, 3].map((i) => wrong(`someone-${i}`, '/api/tokens')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(503);
    const busy = answers.find((answer) => answer.status === 503)!;
    expect(busy.body).toEqual({ error: { code: 'BUSY', message: 'Too many sign-ins are being checked right now: try again in a few seconds.' } });
    expect(busy.headers.get('retry-after')).toBe('5');
    // Those refused as busy were not counted: a name refused busy has all 5 attempts left.
    const busyName = `someone-${answers.indexOf(busy)}`;
    for (let i = 0; i < 5; i++) expect((await wrong(busyName, '/api/tokens')).status).toBe(401);
    expect((await wrong(busyName, '/api/tokens')).status).toBe(429);
  });
});

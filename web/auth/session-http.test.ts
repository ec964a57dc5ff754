import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { startApiHarness, TEST_SCRYPT, testPasswordHash, type ApiHarness } from '../testing/api-harness.js';
import { hashSessionId } from './browser-sessions.js';

let h: ApiHarness;
let adaToken: string;

beforeEach(async () => {
  h = await startApiHarness();
  adaToken = h.addUser('ada', 'student', { passwordHash: await testPasswordHash('ada password') }).token;
  h.store.users.create({ name: 'bob', role: 'student', passwordHash: await testPasswordHash('bob password') });
});
afterEach(() => h.close());

async function signIn(name = 'ada', password = `${name} password`) {
  const response = await h.request('POST', '/api/session', { json: { name, password } });
  expect(response.status).toBe(201);
  const setCookie = response.headers.getSetCookie()[0]!;
  const id = /^__Host-sockgrade_session=([^;]+)/.exec(setCookie)![1]!;
  return { id, cookie: `__Host-sockgrade_session=${id}`, csrfToken: response.body.csrfToken as string, setCookie, body: response.body };
}

const upload = { assignment: 'echo-tcp-server', files: { 'server.py': Buffer.from('print(1)\n').toString('base64') } };

describe('POST /api/session', () => {
  it('signs in: an HttpOnly, SameSite=Strict, __Host- cookie (Secure: loopback is a secure context), and only its hash in the database', async () => {
    const { id, setCookie, body } = await signIn();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toMatch(/^__Host-sockgrade_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    expect(body).toEqual({ user: { id: 1, name: 'ada', role: 'student' }, csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(h.store.sessions.count()).toBe(1);
    expect(h.store.sessions.get(id)).toBeUndefined();
    expect(h.store.sessions.get(hashSessionId(id))?.user.name).toBe('ada');
  });

  it('says only "wrong name or password", for a wrong password and an unknown name alike, and sets no cookie', async () => {
    const wrong = await h.request('POST', '/api/session', { json: { name: 'ada', password: 'nope' } });
    const unknown = await h.request('POST', '/api/session', { json: { name: 'nobody', password: 'nope' } });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Wrong name or password.' } } });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect((await h.request('POST', '/api/session', { json: { name: 'ada' } })).status).toBe(400);
    expect(h.store.sessions.count()).toBe(0);
  });

  it('refuses a sign-in started by another origin', async () => {
    const forged = await h.request('POST', '/api/session', { json: { name: 'ada', password: 'ada password' }, headers: { origin: 'http://127.0.0.1:1' } });
    expect(forged).toMatchObject({ status: 403, body: { error: { code: 'CSRF_FAILED' } } });
    expect(h.store.sessions.count()).toBe(0);
  });

  it('after 5 wrong passwords for a name, answers 429 with Retry-After for 15 minutes, even to the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await h.request('POST', '/api/session', { json: { name: 'ada', password: `guess ${i}` } })).status).toBe(401);
    const throttled = await h.request('POST', '/api/session', { json: { name: 'ada', password: 'ada password' } });
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/try again in 15 minutes/) } } });
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(h.store.sessions.count()).toBe(0);
    // Other names are not affected.
    await signIn('bob');
  });
});

describe('GET and DELETE /api/session', () => {
  it('shows the signed-in user and the CSRF token; 401 without a session', async () => {
    const { cookie, csrfToken } = await signIn();
    expect(await h.request('GET', '/api/session', { headers: { cookie } })).toMatchObject({
      status: 200,
      body: { user: { name: 'ada', role: 'student' }, csrfToken },
    });
    expect((await h.request('GET', '/api/session')).status).toBe(401);
    expect((await h.request('GET', '/api/session', { headers: { cookie: `__Host-sockgrade_session=${'x'.repeat(43)}` } })).status).toBe(401);
  });

  it('signs out only with the CSRF token, deletes the row and clears the cookie', async () => {
    const { cookie, csrfToken } = await signIn();
    const forged = await h.request('DELETE', '/api/session', { headers: { cookie } });
    expect(forged).toMatchObject({ status: 403, body: { error: { code: 'CSRF_FAILED' } } });
    expect(h.store.sessions.count()).toBe(1);
    const out = await h.request('DELETE', '/api/session', { headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^__Host-sockgrade_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict$/);
    expect(h.store.sessions.count()).toBe(0);
    expect((await h.request('GET', '/api/session', { headers: { cookie } })).status).toBe(401);
    const after = await h.request('GET', '/api/submissions', { headers: { cookie } });
    expect(after).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/sign in again/) } } });
    expect(after.headers.getSetCookie()[0]).toMatch(/^__Host-sockgrade_session=;/);
    // Signing out twice is fine.
    expect((await h.request('DELETE', '/api/session', { headers: { cookie } })).status).toBe(204);
  });

  it('ends the previous session at a new sign-in in the same browser', async () => {
    const first = await signIn();
    const second = await h.request('POST', '/api/session', { json: { name: 'bob', password: 'bob password' }, headers: { cookie: first.cookie } });
    expect(second.status).toBe(201);
    expect(h.store.sessions.count()).toBe(1);
    expect((await h.request('GET', '/api/session', { headers: { cookie: first.cookie } })).status).toBe(401);
  });
});

describe('CSRF defence on /api', () => {
  it('refuses a cookie-authenticated POST without the token, and stores nothing', async () => {
    const { cookie } = await signIn();
    const response = await h.request('POST', '/api/submissions', { headers: { cookie }, json: upload });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({ code: 'CSRF_FAILED', message: expect.stringMatching(/no `X-CSRF-Token` header/) });
    expect(h.store.submissions.count()).toBe(0);
    expect(h.queue.jobs).toEqual([]);
  });

  it('refuses a wrong token, and another session’s token', async () => {
    const ada = await signIn();
    const bob = await signIn('bob');
    for (const token of ['x'.repeat(43), 'short', bob.csrfToken]) {
      const response = await h.request('POST', '/api/submissions', { headers: { cookie: ada.cookie, 'x-csrf-token': token }, json: upload });
      expect(response).toMatchObject({ status: 403, body: { error: { code: 'CSRF_FAILED', message: expect.stringMatching(/does not match/) } } });
    }
    expect(h.store.submissions.count()).toBe(0);
  });

  it('lets a cookie-authenticated POST with the token through', async () => {
    const { cookie, csrfToken } = await signIn();
    const response = await h.request('POST', '/api/submissions', { headers: { cookie, 'x-csrf-token': csrfToken, origin: h.base }, json: upload });
    expect(response.status).toBe(202);
    expect(h.store.submissions.count()).toBe(1);
    expect(h.queue.jobs).toHaveLength(1);
    const list = await h.request('GET', '/api/submissions', { headers: { cookie } });
    expect(list.body.submissions.map((s: { id: string }) => s.id)).toEqual([response.body.id]);
  });

  it('refuses a POST from another origin even with the token', async () => {
    const { cookie, csrfToken } = await signIn();
    const response = await h.request('POST', '/api/submissions', {
      headers: { cookie, 'x-csrf-token': csrfToken, origin: 'http://127.0.0.1:8081' },
      json: upload,
    });
    expect(response).toMatchObject({ status: 403, body: { error: { code: 'CSRF_FAILED', message: expect.stringMatching(/another web page \(http:\/\/127\.0\.0\.1:8081\)/) } } });
    const opaque = await h.request('POST', '/api/submissions', { headers: { cookie, 'x-csrf-token': csrfToken, origin: 'null' }, json: upload });
    expect(opaque.status).toBe(403);
    expect(h.store.submissions.count()).toBe(0);
  });

  it('needs no token for a bearer token (no ambient credential), which wins over a cookie', async () => {
    const response = await h.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${adaToken}`, origin: 'http://elsewhere.example' }, json: upload });
    expect(response.status).toBe(202);
    const { cookie } = await signIn('bob');
    const both = await h.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${adaToken}`, cookie }, json: upload });
    expect(both.status).toBe(202);
    expect(h.store.submissions.get(both.body.id)?.userId).toBe(1);
    expect(h.store.submissions.count()).toBe(2);
  });
});

/** A request `fetch` cannot make: with a `Host` header of our choosing (as a browser on the LAN would send). */
function requestWithHost(method: string, path: string, host: string, headers: Record<string, string>, body?: string) {
  const url = new URL(h.base);
  return new Promise<{ status: number; setCookie: string[] }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers: { host, ...headers } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the cookie name (issue #12)', () => {
  it('ignores a plain `sockgrade_session` on loopback, where a page on another port could have planted it', async () => {
    const { id } = await signIn();
    expect((await h.request('GET', '/api/session', { headers: { cookie: `__Host-sockgrade_session=${id}` } })).status).toBe(200);
    const planted = await h.request('GET', '/api/session', { headers: { cookie: `sockgrade_session=${id}` } });
    expect(planted.status).toBe(401);
    expect((await h.request('GET', '/api/submissions', { headers: { cookie: `sockgrade_session=${id}` } })).status).toBe(401);
  });

  it('falls back to a plain, not Secure cookie over plain HTTP to a host that is not loopback, and reads only that one there', async () => {
    const host = 'sockgrade.school.example:3000';
    const login = await requestWithHost('POST', '/api/session', host, { 'content-type': 'application/json' }, JSON.stringify({ name: 'ada', password: 'ada password' }));
    expect(login.status).toBe(201);
    expect(login.setCookie[0]).toMatch(/^sockgrade_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const id = /^sockgrade_session=([^;]+)/.exec(login.setCookie[0]!)![1]!;
    expect((await requestWithHost('GET', '/api/session', host, { cookie: `sockgrade_session=${id}` })).status).toBe(200);
    expect((await requestWithHost('GET', '/api/session', host, { cookie: `__Host-sockgrade_session=${id}` })).status).toBe(401);
    // The same session by its loopback name gets the prefixed cookie only.
    expect((await requestWithHost('GET', '/api/session', 'localhost:3000', { cookie: `__Host-sockgrade_session=${id}` })).status).toBe(200);
    expect((await requestWithHost('GET', '/api/session', '[::1]:3000', { cookie: `sockgrade_session=${id}` })).status).toBe(401);
  });
});

describe('the cookie over HTTPS', () => {
  it('is Secure when the request came over TLS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sockgrade-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      const tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, createApp({ store: h.store, queue: h.queue, auth: { hashing: { params: TEST_SCRYPT } } }));
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const setCookie = await new Promise<string[]>((resolve, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port: (tls.address() as AddressInfo).port, path: '/api/session', method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.headers['set-cookie'] ?? []);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ name: 'ada', password: 'ada password' }));
      });
      await new Promise((resolve) => tls.close(resolve));
      expect(setCookie[0]).toMatch(/^__Host-sockgrade_session=[A-Za-z0-9_-]{43}; .*; HttpOnly; Secure; SameSite=Strict$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

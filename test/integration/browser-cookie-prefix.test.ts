import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../web/app.js';
import { BrowserSessions } from '../../web/auth/index.js';
import { openStore, type Store } from '../../web/store/index.js';
import { TEST_SCRYPT, testPasswordHash } from '../../web/testing/api-harness.js';

// The attack of issue #12 in a real Chromium: a page on another port of the same host
// (a student's own test server, plain HTTP) plants a session cookie of its choosing,
// since cookies ignore ports. `sockgrade.test` is mapped to 127.0.0.1 inside Chromium
// only, so the browser treats it as the ordinary, non-loopback host of a school server.
const CHROMIUM = '/usr/bin/chromium';
const HOST = 'sockgrade.test';

let tmp: string;
let store: Store;
let https: Server;
let http: Server;
let attacker: Server;
let browser: Browser;
let malloryId: string;
const port = (server: Server) => (server.address() as AddressInfo).port;
const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const close = (server: Server | undefined) => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser test needs Chromium at ${CHROMIUM} (\`apt-get install chromium\`); it never downloads a browser.`);
  tmp = mkdtempSync(join(tmpdir(), 'sockgrade-cookie-prefix-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${HOST}`, '-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem')], { stdio: 'ignore' });
  store = openStore(join(tmp, 'sockgrade.db'));
  store.users.create({ name: 'ada', role: 'student', passwordHash: await testPasswordHash('ada password') });
  const mallory = store.users.create({ name: 'mallory', role: 'student', passwordHash: await testPasswordHash('mallory password') });
  // The attacker's own, valid session: planted into a victim's browser, it would sign the victim in as mallory.
  malloryId = new BrowserSessions(store.sessions).start(mallory.id).id;
  const app = createApp({ store, queue: { enqueue: async () => {} }, auth: { hashing: { params: TEST_SCRYPT } } });
  https = createHttpsServer({ key: readFileSync(join(tmp, 'key.pem')), cert: readFileSync(join(tmp, 'cert.pem')) }, app);
  http = createServer(app);
  attacker = createServer((req, res) => {
    res.setHeader('set-cookie', [`sockgrade_session=${malloryId}; Path=/`, `__Host-sockgrade_session=${malloryId}; Path=/; Secure`]);
    res.end('<!doctype html><title>my chat server</title>');
  });
  await Promise.all([listen(https), listen(http), listen(attacker)]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([close(https), close(http), close(attacker)]);
  store?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** `GET /api/session` from the page, as the page's own script would ask. */
const whoAmI = (page: import('playwright-core').Page) =>
  page.evaluate(async () => {
    const response = await fetch('/api/session');
    return response.ok ? ((await response.json()) as { user: { name: string } }).user.name : response.status;
  });

describe('the __Host- session cookie in Chromium (issue #12)', () => {
  it('over HTTPS: a plain-HTTP page on another port of the same host cannot plant a session', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const app = `https://${HOST}:${port(https)}`;

    // The student's server sets both names; Chromium keeps only the plain one (a non-secure origin may not set Secure cookies).
    await page.goto(`http://${HOST}:${port(attacker)}/`);
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual(['sockgrade_session']);

    // Chromium sends the planted cookie along to our HTTPS page too (ports do not count), but it is not ours there.
    await page.goto(app);
    await page.locator('#signin-form').waitFor();
    expect(await whoAmI(page)).toBe(401);

    await page.fill('input[name=name]', 'ada');
    await page.fill('input[name=password]', 'ada password');
    await page.click('button[type=submit]');
    await page.locator('#who').waitFor({ state: 'visible' });
    expect(await page.textContent('#who')).toBe('Signed in as ada (student)');
    const ours = (await context.cookies(app)).find((cookie) => cookie.name === '__Host-sockgrade_session');
    expect(ours).toMatchObject({ domain: HOST, path: '/', httpOnly: true, secure: true, sameSite: 'Strict' });

    // Visiting the student's server again cannot replace it: still ada.
    await page.goto(`http://${HOST}:${port(attacker)}/`);
    await page.goto(app);
    await page.locator('#who').waitFor({ state: 'visible' });
    expect(await whoAmI(page)).toBe('ada');
    expect((await context.cookies(app)).find((cookie) => cookie.name === '__Host-sockgrade_session')?.value).toBe(ours!.value);
    await context.close();
  });

  it('over plain HTTP to a host that is not loopback: signs in with the plain cookie (the browser would drop a Secure one)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://${HOST}:${port(http)}/`);
    await page.locator('#signin-form').waitFor();
    await page.fill('input[name=name]', 'ada');
    await page.fill('input[name=password]', 'ada password');
    await page.click('button[type=submit]');
    await page.locator('#who').waitFor({ state: 'visible' });
    expect(await whoAmI(page)).toBe('ada');
    expect(await context.cookies()).toEqual([expect.objectContaining({ name: 'sockgrade_session', domain: HOST, secure: false, httpOnly: true, sameSite: 'Strict' })]);
    await context.close();
  });
});

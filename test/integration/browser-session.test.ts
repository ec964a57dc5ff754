import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { verdictReport } from '../../grader/report.js';
import { createApp } from '../../web/app.js';
import { hashPassword } from '../../web/auth/index.js';
import type { GradingQueuePort } from '../../web/queue/grading-queue.js';
import { openStore, type Store } from '../../web/store/index.js';
import { launchBrowser, screenshots, watchProblems } from './browser/browser.js';

// A real browser (Debian's chromium, driven by playwright-core: no browser download)
// against the real app on 127.0.0.1 with a real SQLite file.

const noQueue: GradingQueuePort = { enqueue: async () => {} };
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: Server | undefined) => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));

/** What reached the API: to prove the browser did send the cookie along with a forged request. */
interface Seen {
  method: string;
  path: string;
  status: number;
  origin: string | undefined;
  withCookie: boolean;
}

let tmp: string;
let store: Store;
let app: Server;
let base: string;
let attacker: Server;
let attackerBase: string;
let browser: Browser;
const seen: Seen[] = [];
const evilAssignment = '<img src=x onerror="document.title=`pwned`">';

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-browser-'));
  store = openStore(join(tmp, 'sockgrade.db'));
  const api = createApp({ store, queue: noQueue });
  app = createServer((req, res) => {
    const entry: Seen = { method: req.method ?? '', path: req.url ?? '', status: 0, origin: req.headers.origin, withCookie: /sockgrade_session=/.test(req.headers.cookie ?? '') };
    res.on('finish', () => seen.push({ ...entry, status: res.statusCode }));
    api(req, res);
  });
  base = await listen(app);

  const ada = store.users.create({ name: 'ada', role: 'student', passwordHash: await hashPassword('ada password') });
  const bob = store.users.create({ name: 'bob', role: 'student', passwordHash: await hashPassword('bob password') });
  const files = { 'server.py': Buffer.from('print(1)\n').toString('base64') };
  const graded = store.submissions.create({ userId: ada.id, assignmentId: 'echo-tcp-server', files });
  store.submissions.markRunning(graded.id);
  const report = verdictReport(getAssignment('echo-tcp-server')!, 'failed', 'seeded', 0);
  store.submissions.markDone(graded.id, { ...report, score: 85, maxScore: 100 });
  store.submissions.create({ userId: ada.id, assignmentId: evilAssignment, files });
  store.submissions.create({ userId: bob.id, assignmentId: 'chat-server', files });

  // Another origin on the same host: the same *site* as the app, so a SameSite=Strict
  // cookie still goes along with its requests; only the CSRF token stops them.
  // Both send multipart/form-data, a content type a cross-origin page may send without a
  // CORS preflight: a real upload, if nothing but the cookie were checked.
  const target = JSON.stringify(`${base}/api/submissions`);
  const pages: Record<string, string> = {
    '/fetch.html': `<!doctype html><script>
      const form = new FormData();
      form.append('assignment', 'echo-tcp-server');
      form.append('files', new Blob(['print(1)\\n']), 'server.py');
      window.result = fetch(${target}, { method: 'POST', credentials: 'include', body: form })
        .then((r) => 'read ' + r.status, (e) => 'blocked: ' + e.name);
    </script>`,
    '/form.html': `<!doctype html><body>
      <form id="f" method="POST" enctype="multipart/form-data" action=${target}>
        <input name="assignment" value="echo-tcp-server"><input type="file" name="files">
      </form><script>
        const files = new DataTransfer();
        files.items.add(new File(['print(1)\\n'], 'server.py'));
        document.querySelector('input[type=file]').files = files.files;
        document.getElementById('f').submit();
      </script></body>`,
  };
  attacker = createServer((req, res) => {
    const page = pages[req.url ?? ''];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not here');
  });
  attackerBase = await listen(attacker);

  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close(attacker);
  await close(app);
  store?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function rows(page: Page) {
  return page.$$eval('#submissions tbody tr', (trs) =>
    trs.map((tr) => ({
      assignment: tr.querySelector('.assignment')?.textContent,
      status: tr.querySelector('.status')?.textContent,
      score: tr.querySelector('.score')?.textContent,
      time: tr.querySelector('.time')?.textContent,
    })),
  );
}

describe('the browser page', () => {
  it('signs in with a session cookie a page cannot read, refuses forged requests from another origin, and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { problems, dialogs } = watchProblems(page);

    const first = await page.goto(base);
    expect(first?.status()).toBe(200);
    expect(first?.headers()['content-security-policy']).toMatch(/^default-src 'self'/);
    await page.locator('#signin-form').waitFor();

    // A wrong password shows the server's message, and no cookie is set. The form's
    // labels and button are found by the names issue #9 gives them.
    await page.getByLabel('Name', { exact: true }).fill('ada');
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.textContent('#signin-message')).toBe('Wrong name or password.');
    expect(await context.cookies()).toEqual([]);

    await page.getByLabel('Password', { exact: true }).fill('ada password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('#who').waitFor();
    expect(await page.textContent('#who')).toBe('Signed in as ada (student)');

    // Exactly ada's two submissions, newest first; bob's is not there. The seeded
    // assignment name full of HTML is shown as text, not run.
    await expect.poll(() => page.locator('#submissions tbody tr').count()).toBe(2);
    const shown = await rows(page);
    expect(shown.map(({ time: _time, ...rest }) => rest)).toEqual([
      { assignment: evilAssignment, status: 'queued', score: '–' },
      { assignment: 'echo-tcp-server', status: 'done', score: '85/100' },
    ]);
    expect(shown.every((row) => (row.time ?? '').length > 0)).toBe(true);
    expect(await page.locator('#submissions img').count()).toBe(0);
    expect(await page.title()).toBe('Your assignments · sockgrade');
    await screenshots(page, 'home-student');

    // HttpOnly: invisible to the page's scripts. SameSite=Strict, on path /, not Secure over plain HTTP.
    expect(await page.evaluate('document.cookie')).toBe('');
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: 'sockgrade_session', domain: '127.0.0.1', path: '/', httpOnly: true, secure: false, sameSite: 'Strict' });
    expect(cookies[0]!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Another origin (same host, other port) tries a credentialed fetch and an auto-submitted form.
    const before = store.submissions.count();
    expect(before).toBe(3);
    const evil = await context.newPage();
    await evil.goto(`${attackerBase}/fetch.html`);
    // Without CORS headers the attacker's script cannot even read the answer; the server's log below shows it was 403.
    expect(await evil.evaluate('window.result')).toBe('blocked: TypeError');

    const forgedForm = evil.waitForResponse((r) => r.url() === `${base}/api/submissions` && r.request().method() === 'POST');
    await evil.goto(`${attackerBase}/form.html`);
    const formResponse = await forgedForm;
    expect(formResponse.status()).toBe(403);
    expect(await formResponse.json()).toEqual({ error: { code: 'CSRF_FAILED', message: expect.stringMatching(/another web page/) } });
    await evil.close();

    expect(store.submissions.count()).toBe(before);
    // The browser did send the session cookie (same site): the CSRF checks refused both.
    const forged = () => seen.filter((entry) => entry.method === 'POST' && entry.path === '/api/submissions');
    await expect.poll(() => forged().length).toBe(2);
    expect(forged()).toEqual([
      { method: 'POST', path: '/api/submissions', status: 403, origin: attackerBase, withCookie: true },
      { method: 'POST', path: '/api/submissions', status: 403, origin: attackerBase, withCookie: true },
    ]);

    // Sign out: the row is gone, the cookie too, and a reload shows the form.
    expect(store.sessions.count()).toBe(1);
    await page.click('#signout');
    await page.locator('#signin').waitFor();
    expect(await page.textContent('#signin-message')).toBe('Signed out.');
    expect(store.sessions.count()).toBe(0);
    expect(await context.cookies()).toEqual([]);
    await page.reload();
    await page.locator('#signin-form').waitFor();
    expect(await page.locator('#who').isHidden()).toBe(true);
    expect(await page.locator('#submissions').count()).toBe(0);
    await screenshots(page, 'sign-in');

    // No script errors, no CSP violations; Chromium logs each 401 it got, and there are
    // three: `GET /api/session` before signing in and after the reload, and the wrong password.
    const unauthorized = 'Failed to load resource: the server responded with a status of 401 (Unauthorized)';
    expect(problems).toEqual([unauthorized, unauthorized, unauthorized]);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});

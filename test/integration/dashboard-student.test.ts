import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { hashPassword } from '../../web/auth/index.js';
import { startService, type RunningService } from '../../web/service.js';
import { launchBrowser, screenshots, signIn, unexpectedProblems, watchProblems } from './browser/browser.js';
import { distDir, dockerForTests, fixturesDir, sockgradeLeftovers, testRedis } from './harness.js';
import { expectedFixture, serviceApi, serviceConfigFrom, type ServiceApi } from './service-api.js';

// Issue #9 end to end: the service as `npm start` runs it (real Redis, real Docker
// worker, real SQLite), a student in a real Chromium hands in through the page and
// watches the grading live; another student cannot see it; hostile text stays text.
const docker = await dockerForTests();
const ADMIN = `sgk_test_${randomBytes(12).toString('hex')}`;
const EVIL_OUTPUT = '<img src=x onerror=alert(1)>';
const EVIL_NAME = '<script>';
let tmp: string;
let redis: { url: string; stop(): Promise<void> };
let queueName: string;
let service: RunningService;
let api: ServiceApi;
let browser: Browser;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-dashboard-'));
  redis = await testRedis(join(tmp, 'redis'));
  queueName = `sockgrade-test-${randomBytes(4).toString('hex')}`;
  const config = serviceConfigFrom({
    SOCKGRADE_DATA_DIR: join(tmp, 'data'),
    REDIS_URL: redis.url,
    SOCKGRADE_ADMIN_TOKEN: ADMIN,
    SOCKGRADE_WORKER_CONCURRENCY: '1',
    SOCKGRADE_QUEUE: queueName,
  });
  service = await startService(config, { distDir });
  api = serviceApi(service.url);
  for (const [name, role] of [['ada', 'student'], ['eve', 'student'], ['tess', 'teacher']] as const) {
    const created = await api('POST', '/api/users', ADMIN, { name, role, password: `${name} password` });
    expect(created.status).toBe(201);
  }
  // The API refuses such a name (web/routes/users-router.ts); the page must not rely on
  // that, so this one goes straight into the database.
  service.store.users.create({ name: EVIL_NAME, role: 'student', passwordHash: await hashPassword(`${EVIL_NAME} password`) });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  if (redis) {
    const queue = new Queue(queueName, { connection: redisConnectionOptions(redis.url, 'producer') });
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.stop();
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

/**
 * Records every status the live line shows, from now on, in the page itself (a
 * MutationObserver): a poll from the test could miss a short `running`.
 */
async function recordLiveStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as any).__statuses = seen;
    const note = () => {
      const status = document.getElementById('live-status')?.dataset.status;
      if (status && seen.at(-1) !== status) seen.push(status);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** Hands in `source` as server.py through the "Files" input and the "Hand in" button; resolves the new submission's id. */
async function handIn(page: Page, source: Buffer): Promise<string> {
  await page.getByLabel('Files', { exact: true }).setInputFiles({ name: 'server.py', mimeType: 'text/x-python', buffer: source });
  expect(await page.locator('#handin-chosen li').allTextContents()).toEqual([`server.py (${source.length} B)`]);
  const posted = page.waitForResponse((r) => r.url() === `${service.url}/api/submissions` && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Hand in', exact: true }).click();
  const response = await posted;
  expect(response.status()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

describe('the dashboard, end to end', () => {
  let adaSubmission: string;

  it('a student hands in on the assignment page, watches it go queued → running → done live, and reads the transcript', async () => {
    const expected = await expectedFixture('echo-tcp-server/correct');
    const source = await readFile(resolve(fixturesDir, 'echo-tcp-server/correct/server.py'));
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const { problems, dialogs } = watchProblems(page);
    await signIn(page, `${service.url}/assignments/echo-tcp-server`, 'ada', 'ada password');
    await page.locator('#handin-form').waitFor();
    expect(await page.locator('#history-empty').textContent()).toBe('You have not handed in this assignment yet.');
    const marker = await page.evaluate(() => ((window as any).__marker = Math.random()));
    await recordLiveStatuses(page);

    adaSubmission = await handIn(page, source);
    // At once: the live panel for this submission, before any grading is done.
    await page.locator(`.live[data-submission="${adaSubmission}"]`).waitFor();
    await page.locator('#live-score').waitFor({ timeout: 120_000 });
    expect(await page.locator('#live-score').textContent()).toBe(`Score: ${expected.score}/${expected.maxScore}`);
    expect(await page.locator('#live-status').textContent()).toBe('Status: done');
    const statuses: string[] = await page.evaluate(() => (window as any).__statuses);
    // `queued` may already be over when the first event arrives; running and done are always seen, in order.
    expect(statuses.filter((s) => s !== 'queued')).toEqual(['running', 'done']);
    expect(statuses.indexOf('queued')).toBeLessThanOrEqual(0);
    // Test by test, all as expected.json says, without a reload.
    const items = await page.locator('#live-tests li').evaluateAll((lis) => lis.map((li) => [(li as HTMLElement).dataset.test, (li as HTMLElement).dataset.status]));
    expect(Object.fromEntries(items)).toEqual(expected.statuses);
    expect(await page.evaluate(() => (window as any).__marker)).toBe(marker);
    // The history and its chart follow.
    await page.locator('#score-chart svg circle').waitFor();
    expect(await page.locator('#history tbody tr .score').allTextContents()).toEqual([`${expected.score}/${expected.maxScore}`]);
    await screenshots(page, 'assignment-handed-in');

    // The report: the transcript as a conversation with what our client sent and what came back.
    await page.getByRole('link', { name: 'Read the full report' }).click();
    await page.locator('#tests').waitFor();
    expect(page.url()).toBe(`${service.url}/submissions/${adaSubmission}`);
    expect(await page.locator('#report-facts .score').textContent()).toBe(`${expected.score}/${expected.maxScore}`);
    const short = page.locator('.test-result[data-test="short-ascii"]');
    expect(await short.locator('.test-status').textContent()).toBe('passed');
    expect(await short.locator('.conversation .from-peer .bytes').first().textContent()).toBe('Hallo');
    expect(await short.locator('.conversation .from-student .bytes').first().textContent()).toBe('Hallo');
    expect(await short.locator('.conversation .event').count()).toBeGreaterThan(0);
    const newline = page.locator('.test-result[data-test="line-with-newline"] .conversation .from-peer .escape');
    expect(await newline.first().textContent()).toBe('\\n');
    await screenshots(page, 'submission-graded');
    expect(unexpectedProblems(problems)).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('another student opening that report sees "not found" and none of its content', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, `${service.url}/submissions/${adaSubmission}`, 'eve', 'eve password');
    await page.locator('.not-found').waitFor();
    expect(await page.locator('main h1').textContent()).toBe('Not found');
    const text = (await page.locator('body').textContent()) ?? '';
    for (const leak of ['Hallo', 'ada', 'TCP echo server', '100/100']) expect(text).not.toContain(leak);
    expect(await page.locator('.test-result, .conversation, #stdout').count()).toBe(0);
    await context.close();
  });

  it('a program printing markup and a student named <script>: shown as text, nothing runs (student and teacher views)', async () => {
    // It prints and exits: the report keeps the output of a program that ended (a server
    // still running at the end is stopped without its output in the report).
    const source = Buffer.from(`import sys\nprint(${JSON.stringify(EVIL_OUTPUT)}, flush=True)\nprint(${JSON.stringify(EVIL_OUTPUT)}, file=sys.stderr)\nsys.exit(1)\n`);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const { problems, dialogs } = watchProblems(page);
    await signIn(page, `${service.url}/assignments/echo-tcp-server`, EVIL_NAME, `${EVIL_NAME} password`);
    expect(await page.locator('#who').textContent()).toBe(`Signed in as ${EVIL_NAME} (student)`);
    await page.locator('#handin-form').waitFor();
    const id = await handIn(page, source);
    // Straight to the report, most likely before grading ends: it fills in by itself.
    await page.goto(`${service.url}/submissions/${id}`);
    await page.locator('#stdout pre').waitFor({ timeout: 120_000 });
    expect(await page.locator('#report-facts .status').textContent()).toBe('done');
    expect(await page.locator('#stdout pre').textContent()).toContain(EVIL_OUTPUT);
    expect(await page.locator('#stderr pre').textContent()).toContain(EVIL_OUTPUT);
    expect(await page.locator('#report-facts .score').textContent()).toBe('0/100');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();

    // The teacher sees the name in the submissions list and on the report, as text.
    const teacher = await browser.newContext({ locale: 'en-US' });
    const tpage = await teacher.newPage();
    const seen = watchProblems(tpage);
    await signIn(tpage, service.url, 'tess', 'tess password');
    await tpage.locator(`#submissions tr[data-id="${id}"]`).waitFor();
    expect(await tpage.locator(`#submissions tr[data-id="${id}"] .student`).textContent()).toBe(EVIL_NAME);
    await tpage.goto(`${service.url}/submissions/${id}`);
    await tpage.locator('#report-facts .student').waitFor();
    expect(await tpage.locator('#report-facts .student').textContent()).toBe(EVIL_NAME);
    expect(await tpage.locator('#stdout pre').textContent()).toContain(EVIL_OUTPUT);
    expect(await tpage.locator('img').count()).toBe(0);
    expect(await tpage.evaluate(() => document.querySelectorAll('main script').length)).toBe(0);
    await screenshots(tpage, 'submission-teacher-xss');
    expect(seen.dialogs).toEqual([]);
    expect(unexpectedProblems(seen.problems)).toEqual([]);
    await teacher.close();
  });
});

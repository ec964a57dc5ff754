import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../checks/types.js';
import type { GradingReport } from '../../grader/report.js';
import { createApp } from '../../web/app.js';
import { loadAssignmentCatalog } from '../../web/assignment-catalog.js';
import { hashPassword } from '../../web/auth/index.js';
import type { GradingQueuePort } from '../../web/queue/grading-queue.js';
import { openStore, type Store } from '../../web/store/index.js';
import { closeServer, launchBrowser, listen, lowContrastTexts, overflowsHorizontally, screenshots, signIn, unexpectedProblems, watchProblems } from './browser/browser.js';

// The student's pages (issue #9) in a real Chromium against the real app and a real
// SQLite file, seeded with graded submissions: what every page shows, in both languages
// and at phone width. The hand-in with a real grading run is in dashboard-student.test.ts.

const FUTURE = '2099-12-20T23:59:00+01:00';
const noQueue: GradingQueuePort = { enqueue: async () => {} };

let tmp: string;
let store: Store;
let server: Server;
let base: string;
let browser: Browser;
let reportId: string;
let plainId: string;
let adaId: number;

const transcript: TranscriptEntry[] = [
  { t: 0, dir: 'event', conn: 'conn 1', text: null, bytes: 0, note: 'connected to your server' },
  { t: 3, dir: 'send', conn: 'conn 1', text: 'Hallo\\r\\n', bytes: 7 },
  { t: 15, dir: 'recv', conn: 'conn 1', text: 'hallo\\r\\n', bytes: 7 },
  { t: 16, dir: 'send', conn: 'conn 1', text: null, hex: 'ff fe 41', bytes: 3 },
  { t: 2016, dir: 'event', conn: 'conn 1', text: null, bytes: 0, note: 'no reply after 2000 ms' },
];

function report(): GradingReport {
  return {
    assignment: 'echo-ws',
    score: 40,
    maxScore: 100,
    durationMs: 2300,
    tests: [
      { id: 'short-ascii', name: 'A short message', score: 40, maxScore: 40, status: 'passed', feedback: 'We sent `Hallo` and got it back.', transcript: transcript.slice(0, 3) },
      {
        id: 'utf8-text',
        name: 'Umlauts and €',
        score: 0,
        maxScore: 30,
        status: 'failed',
        feedback: 'We sent "Hallo\\r\\n" and expected exactly the same bytes back, but got "hallo\\r\\n".\n\nLikely cause: your server changes the text.',
        transcript,
        // What the program printed during the test (issue #13): long stdout collapsed, markup as text.
        output: { stdout: Array.from({ length: 40 }, (_, i) => `debug ${i + 1}`).join('\n'), stderr: 'UnicodeDecodeError: <i>not italic</i>\n', cutBytes: 0 },
        // A student-controlled reply full of markup: it must stay text (issue #9).
        compare: {
          expected: { text: 'Hallo Welt\\n', bytes: 11 },
          received: { text: 'Hallo <img src=x onerror=alert(1)>\\n', bytes: 35 },
          label: 'conn 1',
        },
      },
      {
        id: 'two-clients',
        name: 'Two clients at the same time',
        score: 30,
        maxScore: 30,
        status: 'passed',
        feedback: 'secret',
        transcript: [],
        output: { stdout: 'secret printed\n', stderr: '', cutBytes: 0 },
        compare: { expected: { text: 'secret expected', bytes: 15 }, received: { text: 'secret received', bytes: 15 } },
      },
    ],
    logs: { stdout: Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join('\n'), stderr: 'Traceback: <b>not bold</b>' },
  };
}

/** A C submission's compile step with a warning full of markup (issue #14): shown as text, beside the output. */
const compilerWarning = {
  compiler: 'gcc',
  command: 'gcc -Wall -O2 -pthread -o /submission/.sockgrade-build/program server.c -lm',
  status: 'ok' as const,
  exitCode: 0,
  output: "server.c:3:9: warning: unused variable '<b>x</b>' [-Wunused-variable]\n",
  durationMs: 210,
};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-dashboard-pages-'));
  await writeFile(
    join(tmp, 'echo-ws.yaml'),
    `id: echo-ws
basedOn: echo-tcp-server
title: Echo server (WS 2099)
tests:
  - id: short-ascii
    points: 40
  - id: utf8-text
    points: 30
  - id: two-clients
    points: 30
    visibility: hidden
deadline: ${FUTURE}
late: {policy: penalty, penaltyPercentPerDay: 10}
budget: {submissions: 5, perHours: 1}
`,
  );
  await writeFile(
    join(tmp, 'echo-once.yaml'),
    `id: echo-once
basedOn: echo-tcp-server
title: Echo, one try a day
budget: {submissions: 1, perHours: 24}
`,
  );
  store = openStore(join(tmp, 'sockgrade.db'));
  const assignments = await loadAssignmentCatalog(tmp);
  ({ server, base } = await listen(createApp({ store, queue: noQueue, assignments })));
  adaId = store.users.create({ name: 'ada', role: 'student', passwordHash: await hashPassword('ada password') }).id;
  store.users.create({ name: 'bob', role: 'student', passwordHash: await hashPassword('bob password') });
  const files = { 'server.py': Buffer.from('print(1)\n').toString('base64') };
  const now = Date.now();
  const earlier = store.submissions.create({ userId: adaId, assignmentId: 'echo-ws', files }, now - 30 * 60_000);
  store.submissions.markRunning(earlier.id);
  store.submissions.markDone(earlier.id, { ...report(), score: 30, tests: report().tests.map((t) => (t.id === 'short-ascii' ? { ...t, score: 0, status: 'failed' as const } : t)) });
  const graded = store.submissions.create({ userId: adaId, assignmentId: 'echo-ws', files }, now - 10 * 60_000);
  store.submissions.markRunning(graded.id);
  store.submissions.markDone(graded.id, report());
  reportId = graded.id;
  // No hidden test here: the program's output is shown, long stdout collapsed.
  // A built-in open to students (echo-tcp-server is the teacher files' base: closed to them, issue #12).
  const plain = store.submissions.create({ userId: adaId, assignmentId: 'echo-udp-server', files }, now - 5 * 60_000);
  store.submissions.markRunning(plain.id);
  store.submissions.markDone(plain.id, { ...report(), assignment: 'echo-udp-server', tests: report().tests.slice(0, 2), score: 40, maxScore: 70, build: compilerWarning });
  plainId = plain.id;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  store?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function newPage(locale = 'en-US'): Promise<{ page: Page; problems: string[]; dialogs: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { page, ...watchProblems(page), close: () => context.close() };
}

describe('the student pages', () => {
  it('home: a card per assignment with deadline, late policy, budget left, latest and best score, newest status', async () => {
    const { page, problems, close } = await newPage();
    await signIn(page, base, 'ada', 'ada password');
    const card = page.locator('.card[data-assignment="echo-ws"]');
    await card.waitFor();
    expect(await card.locator('h2 a').getAttribute('href')).toBe('/assignments/echo-ws');
    expect(await card.locator('.deadline').textContent()).toMatch(/2099.*left\)$/);
    expect(await card.locator('.late').textContent()).toBe('10 % off per day started late');
    expect(await card.locator('.budget').textContent()).toBe('3 of 5 per 1 h');
    // Visible tests only (the hidden one's 30 points are out): latest 40/70, best of 0/70 and 40/70.
    expect(await card.locator('.latest').textContent()).toBe('40/70');
    expect(await card.locator('.best').textContent()).toBe('40/70');
    expect(await card.locator('.newest a').textContent()).toBe('done');
    expect(await card.locator('.newest a').getAttribute('href')).toBe(`/submissions/${reportId}`);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await lowContrastTexts(page)).toEqual([]);
    await screenshots(page, 'home-student-cards');

    // A real link, followed by the router without a reload: the assignment page.
    const marker = await page.evaluate(() => ((window as any).__marker = Math.random()));
    await card.locator('h2 a').click();
    await page.locator('#sheet').waitFor();
    expect(page.url()).toBe(`${base}/assignments/echo-ws`);
    expect(await page.evaluate(() => (window as any).__marker)).toBe(marker);
    // The new page's heading takes the focus (for keyboard and screen-reader users), and the title follows.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName + ':' + document.activeElement?.textContent)).toBe('H1:Echo server (WS 2099)');
    expect(await page.title()).toBe('Echo server (WS 2099) · sockgrade');

    // Keyboard from the top: the skip link comes first and is shown when focused; then the nav link.
    await page.goBack();
    await card.waitFor();
    expect(await page.evaluate(() => (window as any).__marker)).toBe(marker);
    // A fresh load, so the keyboard starts at the top of the document.
    await page.reload();
    await card.waitFor();
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return { text: el.textContent, visible: box.left >= 0 && box.width > 0, outline: getComputedStyle(el).outlineStyle };
    });
    expect(skip).toEqual({ text: 'Skip to content', visible: true, outline: 'solid' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.getAttribute('aria-current')])).toEqual(['Home', 'page']);
    expect(unexpectedProblems(problems)).toEqual([]);
    await close();
  });

  it('assignment: the sheet from Markdown, points per test with the hidden one, the hand-in area, the score chart', async () => {
    const { page, problems, close } = await newPage();
    await signIn(page, `${base}/assignments/echo-ws`, 'ada', 'ada password');
    await page.locator('#sheet').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Echo server (WS 2099)');
    expect(await page.locator('#sheet h2').first().textContent()).toBe('TCP echo server');
    expect(await page.locator('h1').count()).toBe(1);
    const tests = await page.locator('#assignment-tests tbody tr').allTextContents();
    expect(tests).toEqual(['A short message40', 'Umlauts and €30', 'Hidden test (result not shown to students)30']);
    expect(await page.locator('#assignment-tests tfoot').textContent()).toBe('Total100');
    expect(await page.getByLabel('Files', { exact: true }).getAttribute('type')).toBe('file');
    await page.locator('#score-chart svg circle').first().waitFor();
    expect(await page.locator('#score-chart svg circle').count()).toBe(2);
    expect(await page.locator('#score-chart svg').getAttribute('role')).toBe('img');
    expect(await page.locator('#history tbody tr').count()).toBe(2);
    expect(await page.locator('#history tbody tr .score').allTextContents()).toEqual(['40/70', '0/70']);

    // Handing in nothing is refused in the page, before anything is sent.
    await page.getByRole('button', { name: 'Hand in', exact: true }).click();
    expect(await page.locator('#handin-message').textContent()).toBe('Choose at least one file first.');

    // Keyboard: Tab reaches the file input and the focus is visible (an outline).
    await page.getByLabel('Files', { exact: true }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { id: el.id, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused).toEqual({ id: 'handin-submit', outline: 'solid', width: '3px' });
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await lowContrastTexts(page)).toEqual([]);
    await screenshots(page, 'assignment');
    expect(unexpectedProblems(problems)).toEqual([]);
    await close();
  });

  it('report: tests with feedback as text, the conversation with escapes and hex, the hidden test, output collapsed when long', async () => {
    const { page, problems, dialogs, close } = await newPage();
    await signIn(page, `${base}/submissions/${reportId}`, 'ada', 'ada password');
    await page.locator('#tests').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Report: Echo server (WS 2099)');
    expect(await page.locator('#report-facts .score').textContent()).toBe('40/70');
    const sections = page.locator('#tests .test-result');
    expect(await sections.count()).toBe(3);
    const failed = sections.nth(1);
    expect(await failed.getAttribute('data-status')).toBe('failed');
    expect(await failed.locator('.test-status').textContent()).toBe('failed');
    expect(await failed.locator('.points').textContent()).toBe('0 of 30 points');
    // Feedback keeps its line breaks (pre-wrap), as text.
    expect(await failed.locator('.feedback').textContent()).toBe(report().tests[1]!.feedback);
    expect(await failed.locator('.feedback').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    // The conversation: the peer left, the program right, events between, escapes visible, hex for non-UTF-8.
    const entries = failed.locator('.conversation > li');
    expect(await entries.evaluateAll((lis) => lis.map((li) => li.className))).toEqual(['event', 'from-peer', 'from-student', 'from-peer', 'event']);
    expect(await entries.nth(0).textContent()).toBe('conn 1 · +0 ms: connected to your server');
    expect(await entries.nth(1).locator('.meta').textContent()).toBe('Reference peer · conn 1 · +3 ms · 7 bytes');
    // The escapes stay visible; after an escaped \n the line breaks (the text has one more \n).
    expect(await entries.nth(1).locator('.bytes').textContent()).toBe('Hallo\\r\\n\n');
    expect(await entries.nth(1).locator('.escape').allTextContents()).toEqual(['\\r', '\\n']);
    expect(await entries.nth(2).locator('.meta').textContent()).toBe('Your program · conn 1 · +15 ms · 7 bytes');
    expect(await entries.nth(3).locator('.bytes').textContent()).toBe('not UTF-8 text; the bytes in hex: ff fe 41');
    expect(await entries.nth(4).textContent()).toBe('conn 1 · +2,016 ms: no reply after 2000 ms');
    const peerBox = await entries.nth(1).boundingBox();
    const studentBox = await entries.nth(2).boundingBox();
    expect(studentBox!.x).toBeGreaterThan(peerBox!.x);
    // What the program printed during the failed test, under it: stdout collapsed (40 lines), stderr open, as text.
    expect(await sections.nth(0).locator('.test-output').count()).toBe(0);
    const printed = failed.locator('.test-output');
    expect(await printed.locator('h4').textContent()).toBe('Printed by your program during this test');
    expect(await printed.locator('details[data-stream="stdout"] summary').textContent()).toBe('Standard output (stdout) — 40 lines');
    expect(await printed.locator('details[data-stream="stdout"]').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(await printed.locator('details[data-stream="stdout"] pre').textContent()).toBe(report().tests[1]!.output!.stdout);
    expect(await printed.locator('details[data-stream="stderr"]').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await printed.locator('details[data-stream="stderr"] pre').textContent()).toBe('UnicodeDecodeError: <i>not italic</i>\n');
    expect(await page.locator('#report i').count()).toBe(0);
    // The hidden test: its points and nothing of its result.
    const hidden = sections.nth(2);
    expect(await hidden.textContent()).toBe('Hidden test30 pointsIts result is not shown to students.');
    expect(await page.locator('#report').textContent()).not.toContain('secret');
    // Output: the program's stdout/stderr are withheld while a test is hidden (reportForViewer).
    expect(await page.locator('#stdout pre').textContent()).toMatch(/^\[not shown: /);
    expect(await page.locator('#stderr').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#report b').count()).toBe(0);
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await lowContrastTexts(page)).toEqual([]);
    await screenshots(page, 'submission');

    // Without hidden tests the output shows: 60 lines of stdout start collapsed, stderr open, markup as text.
    await page.goto(`${base}/submissions/${plainId}`);
    await page.locator('#stdout pre').waitFor({ state: 'attached' });
    expect(await page.locator('#stdout').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator('#stdout summary').textContent()).toBe('Standard output (stdout) — 60 lines');
    expect(await page.locator('#stdout pre').textContent()).toBe(report().logs.stdout);
    expect(await page.locator('#stderr').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#stderr pre').textContent()).toBe('Traceback: <b>not bold</b>');
    expect(await page.locator('#compiler-output summary').textContent()).toBe('What the compiler said (gcc; warnings cost no points) — 2 lines');
    expect(await page.locator('#compiler-output pre').textContent()).toBe(compilerWarning.output);
    expect(await page.locator('#report b').count()).toBe(0);
    await page.locator('#stdout summary').press('Enter');
    expect(await page.locator('#stdout').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(unexpectedProblems(problems)).toEqual([]);
    expect(dialogs).toEqual([]);
    await close();
  });

  it('hand-in: a dropped broken archive and a used-up budget are refused with the server’s words and when to retry', async () => {
    const { page, problems, close } = await newPage();
    await signIn(page, `${base}/assignments/echo-once`, 'ada', 'ada password');
    await page.locator('#handin-form').waitFor();
    expect(await page.locator('#assignment-facts .budget').textContent()).toBe('1 of 1 per 24 h');

    // A drop onto the zone, as a file manager makes it: a DataTransfer with a File.
    await page.locator('#dropzone').evaluate((zone) => {
      const data = new DataTransfer();
      data.items.add(new File(['this is not a zip'], 'hw.zip', { type: 'application/zip' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    expect(await page.locator('#handin-chosen li').allTextContents()).toEqual(['hw.zip (17 B)']);
    let answer = page.waitForResponse((r) => r.url() === `${base}/api/submissions` && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Hand in', exact: true }).click();
    const refused = await answer;
    expect(refused.status()).toBe(400);
    const refusal = (await refused.json()).error.message as string;
    await expect.poll(() => page.locator('#handin-message').textContent()).toBe(refusal);
    expect(await page.locator('#handin-message').getAttribute('role')).toBe('alert');
    expect(store.submissions.list({ userId: adaId, assignmentId: 'echo-once' })).toEqual([]);

    // The first real one goes through and shows at once, queued.
    await page.getByLabel('Files', { exact: true }).setInputFiles({ name: 'server.py', mimeType: 'text/x-python', buffer: Buffer.from('print(1)\n') });
    await page.getByRole('button', { name: 'Hand in', exact: true }).click();
    await page.locator('#live-status[data-status="queued"]').waitFor();
    expect(await page.locator('#live-status').textContent()).toBe('Status: queued');
    await expect.poll(() => page.locator('#assignment-facts .budget').textContent()).toMatch(/^none left; next at /);

    // The second: 429 with Retry-After, said in words.
    await page.getByLabel('Files', { exact: true }).setInputFiles({ name: 'server.py', mimeType: 'text/x-python', buffer: Buffer.from('print(2)\n') });
    answer = page.waitForResponse((r) => r.url() === `${base}/api/submissions` && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Hand in', exact: true }).click();
    const budget = await answer;
    expect(budget.status()).toBe(429);
    expect(Number(budget.headers()['retry-after'])).toBeGreaterThan(86_000);
    const message = (await budget.json()).error.message as string;
    await expect.poll(() => page.locator('#handin-message').textContent()).toBe(`${message} You can try again in 1 day.`);
    expect(store.submissions.list({ userId: adaId, assignmentId: 'echo-once' })).toHaveLength(1);
    await screenshots(page, 'assignment-refused');
    // Chromium logs the two refusals as failed loads; nothing else.
    expect(unexpectedProblems(problems).map((p) => p.replace(/\d{3} \(.*\)$/, 'N'))).toEqual([
      'Failed to load resource: the server responded with a status of N',
      'Failed to load resource: the server responded with a status of N',
    ]);
    await close();
  });

  it('report: expected vs received side by side, the first difference marked, markup as text, stacked on a phone', async () => {
    const { page, problems, dialogs, close } = await newPage();
    await signIn(page, `${base}/submissions/${reportId}`, 'ada', 'ada password');
    await page.locator('#tests').waitFor();
    const sections = page.locator('#tests .test-result');
    // Only the failed visible test compares; the hidden one's comparison never reaches the page.
    expect(await page.locator('#tests .comparison').count()).toBe(1);
    const block = sections.nth(1).locator('.comparison');
    expect(await block.locator('.comparison-title').textContent()).toBe('Expected vs received — conn 1 · The first difference is marked.');
    const expected = block.locator('.compare-side[data-side="expected"]');
    const received = block.locator('.compare-side[data-side="received"]');
    expect(await expected.locator('h4').textContent()).toBe('Expected');
    expect(await received.locator('h4').textContent()).toBe('Received');
    expect(await expected.locator('.meta').textContent()).toBe('11 bytes');
    expect(await received.locator('.meta').textContent()).toBe('35 bytes');
    // Escapes visible as in the transcript (a line break after \n); the first differing character marked on both sides.
    expect(await expected.locator('pre').textContent()).toBe('Hallo Welt\\n\n');
    expect(await received.locator('pre').textContent()).toBe('Hallo <img src=x onerror=alert(1)>\\n\n');
    expect(await expected.locator('mark').allTextContents()).toEqual(['W']);
    expect(await received.locator('mark').allTextContents()).toEqual(['<']);
    expect(await received.locator('.escape').allTextContents()).toEqual(['\\n']);
    // The markup stayed text: no element, no handler ran.
    expect(await page.locator('#report img').count()).toBe(0);
    expect(await page.locator('#report').textContent()).not.toContain('secret');
    // Side by side on a desktop, stacked at 375 px.
    let [a, b] = [await expected.boundingBox(), await received.boundingBox()];
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    expect(Math.abs(b!.y - a!.y)).toBeLessThan(2);
    await page.setViewportSize({ width: 375, height: 740 });
    [a, b] = [await expected.boundingBox(), await received.boundingBox()];
    expect(Math.abs(b!.x - a!.x)).toBeLessThan(2);
    expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await block.scrollIntoViewIfNeeded();
    await screenshots(page, 'submission-compare');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await lowContrastTexts(page)).toEqual([]);
    // In German.
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await expect.poll(() => expected.locator('h4').textContent()).toBe('Erwartet');
    expect(await received.locator('h4').textContent()).toBe('Erhalten');
    expect(await expected.locator('.meta').textContent()).toBe('11 Bytes');
    expect(unexpectedProblems(problems)).toEqual([]);
    expect(dialogs).toEqual([]);
    await close();
  });

  it('German from Accept-Language, switched to English in the header and remembered across a reload', async () => {
    const { page, problems, close } = await newPage('de-DE');
    await page.goto(base);
    await page.locator('#signin-form').waitFor();
    expect(await page.locator('#signin h1').textContent()).toBe('Anmelden');
    await page.getByLabel('Name', { exact: true }).fill('ada');
    await page.getByLabel('Passwort', { exact: true }).fill('ada password');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.locator('.card').first().waitFor();
    expect(await page.locator('#who').textContent()).toBe('Angemeldet als ada (Studierende*r)');
    expect(await page.locator('h1').textContent()).toBe('Ihre Aufgaben');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await lowContrastTexts(page)).toEqual([]);
    await screenshots(page, 'home-student-de');

    await page.getByLabel('Sprache', { exact: true }).selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your assignments');
    expect(await page.locator('#signout').textContent()).toBe('Sign out');
    await page.reload();
    await page.locator('.card').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Your assignments');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(unexpectedProblems(problems)).toEqual([]);
    await close();
  });

  it('another student, a teacher page and an unknown id all show "not found"; a phone sees the header wrap, not overflow', async () => {
    const { page, close } = await newPage();
    await signIn(page, `${base}/submissions/${reportId}`, 'bob', 'bob password');
    await page.locator('.not-found').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Not found');
    expect(await page.locator('main').textContent()).not.toMatch(/Hallo|echo-ws|40\/70|ada/);
    await page.goto(`${base}/gradebook`);
    await page.locator('.not-found').waitFor();
    await page.goto(`${base}/assignments/no-such-thing`);
    await page.locator('.not-found').waitFor();
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(await lowContrastTexts(page)).toEqual([]);
    // The contrast check itself can fail: light grey on the page's #f4f5f7 is 2.13:1.
    await page.evaluate(() => {
      const probe = document.createElement('p');
      probe.id = 'probe';
      probe.style.color = '#aaaaaa';
      probe.textContent = 'faint';
      document.querySelector('main')!.append(probe);
    });
    expect(await lowContrastTexts(page)).toEqual(['faint (2.13:1)']);
    await page.evaluate(() => document.getElementById('probe')!.remove());
    await screenshots(page, 'not-found');
    await close();
  });
});

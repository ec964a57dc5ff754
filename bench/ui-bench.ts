/**
 * `npm run bench:ui`: how fast the dashboard's heavy pages render in Chromium (issue #9).
 * The real app (createApp, SQLite in a temp folder, no queue, no Docker) on 127.0.0.1,
 * the store seeded directly; Debian's /usr/bin/chromium through playwright-core.
 *
 * Each scenario loads its page `--runs` times (default 30, after 3 warm-ups) and takes
 * the time from navigation start to the moment its "ready" element is in the DOM (seen
 * by a MutationObserver installed before any page script: not a poll). Printed: p50,
 * p95 and max per scenario, and each p50 as a ratio to the baseline measured in the
 * same run (the empty sign-in page), which cancels out the machine's speed.
 *
 * The gradebook's 200 × 20 is bench/ui-bench/gradebook-scenario.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { TranscriptEntry } from '../checks/types.js';
import type { GradingReport } from '../grader/report.js';
import { createApp } from '../web/app.js';
import { hashPassword } from '../web/auth/index.js';
import { summarize } from '../web/metrics/percentiles.js';
import { openStore, type Store } from '../web/store/index.js';
import { GRADEBOOK_200_X_20 } from './ui-bench/gradebook-scenario.js';

const CHROMIUM = '/usr/bin/chromium';

/** A page to measure: where it is, what marks it rendered, and who looks. */
export interface Scenario {
  name: string;
  /** Seeds the store (once) and returns the path to load. */
  seed(store: Store, users: BenchUsers): Promise<string> | string;
  /** A CSS selector present once the page has drawn what it is for. */
  ready: string;
  /** Who is signed in; null: nobody (the sign-in page). */
  as: keyof BenchUsers | null;
}

export interface BenchUsers {
  student: { id: number; name: string; password: string };
  teacher: { id: number; name: string; password: string };
}

/** 64 KiB of transcript in one test: 1024 messages of 64 bytes, the transcript's cap (checks/lib/transcript.ts). */
function bigTranscript(): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [{ t: 0, dir: 'event', conn: 'conn 1', text: null, bytes: 0, note: 'connected' }];
  for (let i = 0; i < 1024; i++) {
    const line = `message ${String(i).padStart(4, '0')} ${'x'.repeat(44)}\\r\\n`;
    entries.push({ t: i * 2, dir: i % 2 === 0 ? 'send' : 'recv', conn: 'conn 1', text: line, bytes: 64 });
  }
  entries.push({ t: 2100, dir: 'event', conn: 'conn 1', text: null, bytes: 0, note: 'closed by your program' });
  return entries;
}

export const SCENARIOS: Scenario[] = [
  { name: 'baseline: empty sign-in page', seed: () => '/', ready: '#signin-form', as: null },
  {
    name: 'report with a 64 KiB transcript',
    ready: '#stderr',
    as: 'student',
    seed(store, users) {
      const submission = store.submissions.create({ userId: users.student.id, assignmentId: 'echo-tcp-server', files: { 'server.py': 'cHJpbnQoMSkK' } });
      store.submissions.markRunning(submission.id);
      const report: GradingReport = {
        assignment: 'echo-tcp-server',
        score: 15,
        maxScore: 100,
        durationMs: 2500,
        tests: [
          { id: 'long-1024', name: 'A message of 1024 bytes', score: 0, maxScore: 85, status: 'failed', feedback: 'We sent 1024 bytes and got 1000 back.', transcript: bigTranscript() },
          { id: 'short-ascii', name: 'A short message', score: 15, maxScore: 15, status: 'passed', feedback: 'ok', transcript: bigTranscript().slice(0, 3) },
        ],
        logs: { stdout: 'listening\n', stderr: '' },
      };
      store.submissions.markDone(submission.id, report);
      return `/submissions/${submission.id}`;
    },
  },
  GRADEBOOK_200_X_20,
];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number of at least 1`);
  return value;
}

async function signedInContext(browser: import('playwright-core').Browser, base: string, user: { name: string; password: string } | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  if (user) {
    // Signing in through the API from the page's origin: the context keeps the cookie.
    const page = await context.newPage();
    await page.goto(`${base}/favicon.svg`);
    const status = await page.evaluate(
      async ({ name, password }) => (await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) })).status,
      user,
    );
    if (status !== 201) throw new Error(`signing in ${user.name} answered ${status}`);
    await page.close();
  }
  return context;
}

/** Milliseconds from navigation start until `ready` is in the DOM, one fresh page per load. */
async function loadTime(context: BrowserContext, url: string, ready: string): Promise<number> {
  const page = await context.newPage();
  await page.addInitScript((selector) => {
    const w = window as unknown as { __ready?: number };
    const check = () => {
      if (w.__ready === undefined && document.querySelector(selector)) {
        w.__ready = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  }, ready);
  await page.goto(url);
  const handle = await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready, undefined, { timeout: 30_000 });
  const ms = (await handle.jsonValue()) as number;
  await page.close();
  return ms;
}

async function main(): Promise<void> {
  const runs = option('runs', 30);
  const tmp = await mkdtemp(join(tmpdir(), 'sockgrade-ui-bench-'));
  const store = openStore(join(tmp, 'sockgrade.db'));
  const server = createServer(createApp({ store, queue: { enqueue: async () => {} } }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const password = 'bench password';
    const passwordHash = await hashPassword(password);
    const users: BenchUsers = {
      student: { id: store.users.create({ name: 'bench-student', role: 'student', passwordHash }).id, name: 'bench-student', password },
      teacher: { id: store.users.create({ name: 'bench-teacher', role: 'teacher', passwordHash }).id, name: 'bench-teacher', password },
    };
    console.log(`sockgrade ui bench: time to first render in Chromium (${CHROMIUM}), ${runs} loads per page after 3 warm-ups, 1280×800`);
    const results: { name: string; p50: number; p95: number; max: number }[] = [];
    for (const scenario of SCENARIOS) {
      const path = await scenario.seed(store, users);
      const context = await signedInContext(browser, base, scenario.as ? users[scenario.as] : null);
      for (let i = 0; i < 3; i++) await loadTime(context, `${base}${path}`, scenario.ready);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await loadTime(context, `${base}${path}`, scenario.ready));
      await context.close();
      const summary = summarize(times);
      results.push({ name: scenario.name, p50: summary.p50!, p95: summary.p95!, max: summary.max! });
    }
    const baseline = results[0]!.p50;
    const width = Math.max(...results.map((r) => r.name.length));
    const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
    for (const r of results) {
      console.log(`  ${r.name.padEnd(width)}  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)}  ${(r.p50 / baseline).toFixed(2)}× baseline p50`);
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    store.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GradingReport, TestReport } from '../../grader/report.js';
import { loadAssignmentCatalog } from '../assignment-catalog.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

const FUTURE = '2099-12-20T23:59:00+01:00';
const PAST = '2020-12-20T23:59:00+01:00';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const FILES = {
  'budget.yaml': `
id: echo-budget
basedOn: echo-tcp-server
title: Echo with a budget
tests:
  - id: short-ascii
    points: 40
  - id: two-clients
    points: 60
    visibility: hidden
deadline: ${FUTURE}
budget: {submissions: 2, perHours: 1}
`,
  'late.yaml': `
id: echo-late
basedOn: echo-tcp-server
title: Echo, long ago
tests:
  - id: short-ascii
    points: 100
deadline: ${PAST}
late: {policy: penalty, penaltyPercentPerDay: 10, maxDaysLate: 3}
`,
};

let dir: string;
let h: ApiHarness;
let ada: { id: number; token: string };
let bob: { id: number; token: string };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-me-api-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  h = await startApiHarness({ assignments: await loadAssignmentCatalog(dir) });
  ada = h.addUser('ada', 'student');
  bob = h.addUser('bob', 'student');
});

afterEach(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const test = (id: string, score: number, maxScore: number): TestReport => ({
  id,
  name: id,
  score,
  maxScore,
  status: score === maxScore ? 'passed' : 'failed',
  feedback: '',
  transcript: [],
});

function graded(userId: number, assignmentId: string, tests: TestReport[], createdAt: number): string {
  const submission = h.store.submissions.create({ userId, assignmentId, files: { 'server.py': 'cHJpbnQoMSkK' } }, createdAt);
  const report: GradingReport = {
    assignment: assignmentId,
    score: tests.reduce((sum, t) => sum + t.score, 0),
    maxScore: tests.reduce((sum, t) => sum + t.maxScore, 0),
    durationMs: 10,
    tests,
    logs: { stdout: '', stderr: '' },
  };
  h.store.submissions.markDone(submission.id, report);
  return submission.id;
}

describe('GET /api/me/assignments (the student home, issue #9)', () => {
  it('gives each assignment with nothing handed in yet an empty standing', async () => {
    const list = await h.api('GET', '/api/me/assignments', ada.token);
    expect(list.status).toBe(200);
    const ids = list.body.assignments.map((a: { id: string }) => a.id);
    expect(ids.slice(-2)).toEqual(['echo-budget', 'echo-late']);
    // The base of the teacher's files is closed to students (issue #12): not listed, 403 when asked for.
    expect(ids).not.toContain('echo-tcp-server');
    expect((await h.api('GET', '/api/me/assignments/echo-tcp-server', ada.token)).body.error.code).toBe('ASSIGNMENT_CLOSED');
    const first = list.body.assignments[0];
    expect(first).toMatchObject({ id: 'echo-udp-server', maxScore: 100, deadline: null });
    expect(first.mine).toEqual({ submissions: 0, latest: null, best: null, open: true, budget: null });
    expect(list.body.assignments.at(-2).mine.budget).toEqual({ submissions: 2, perHours: 1, used: 0, left: 2, nextAt: null });
  });

  it('counts latest, best (visible tests only), budget left and the next free slot; bob sees none of ada’s', async () => {
    const now = Date.now();
    const older = graded(ada.id, 'echo-budget', [test('short-ascii', 40, 40), test('two-clients', 0, 60)], now - 50 * 60_000);
    graded(ada.id, 'echo-budget', [test('short-ascii', 10, 40), test('two-clients', 60, 60)], now - 20 * 60_000);
    const newest = h.store.submissions.create({ userId: ada.id, assignmentId: 'echo-budget', files: { 'server.py': 'cHJpbnQoMSkK' } }, now - 1000);
    // Out of the budget's window: counted as a submission, not against the budget.
    graded(ada.id, 'echo-budget', [test('short-ascii', 20, 40), test('two-clients', 0, 60)], now - 2 * HOUR_MS);

    const one = await h.api('GET', '/api/me/assignments/echo-budget', ada.token);
    expect(one.status).toBe(200);
    expect(one.body.tests.map((t: { name: string }) => t.name)).toEqual(['A short message', 'Hidden test']);
    expect(one.body.mine).toMatchObject({
      submissions: 4,
      latest: { id: newest.id, status: 'queued', score: null, maxScore: null, createdAt: new Date(now - 1000).toISOString() },
      // The hidden test's 60 points stay out: the best is 40/40 on the visible test.
      best: { id: older, score: 40, maxScore: 40 },
      open: true,
    });
    const budget = one.body.mine.budget;
    expect(budget).toMatchObject({ submissions: 2, perHours: 1, used: 3, left: 0 });
    // The slot frees when the second-newest in the window (20 min ago) leaves it: in 40 minutes.
    const nextAt = Date.parse(budget.nextAt);
    expect(Math.abs(nextAt - (now - 20 * 60_000 + HOUR_MS))).toBeLessThan(2000);

    const bobs = await h.api('GET', '/api/me/assignments/echo-budget', bob.token);
    expect(bobs.body.mine).toEqual({ submissions: 0, latest: null, best: null, open: true, budget: { submissions: 2, perHours: 1, used: 0, left: 2, nextAt: null } });
  });

  it('takes the late penalty off and says when an assignment no longer takes submissions', async () => {
    const deadline = Date.parse(PAST);
    // 1.5 days late at 10 % per day started: 20 % off 100.
    graded(ada.id, 'echo-late', [test('short-ascii', 100, 100)], deadline + 1.5 * DAY_MS);
    const one = await h.api('GET', '/api/me/assignments/echo-late', ada.token);
    expect(one.body.mine).toMatchObject({ submissions: 1, latest: { status: 'done', score: 80, maxScore: 100 }, best: { score: 80 }, open: false, budget: null });
  });

  it('answers 404 for an unknown assignment and 401 without a credential', async () => {
    const missing = await h.api('GET', '/api/me/assignments/nope', ada.token);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('UNKNOWN_ASSIGNMENT');
    expect((await h.api('GET', '/api/me/assignments')).status).toBe(401);
  });
});

describe('GET /api/assignments/:id descriptionHtml', () => {
  it('carries the sheet rendered from Markdown in both languages', async () => {
    const one = await h.api('GET', '/api/assignments/echo-udp-server', ada.token);
    expect(one.status).toBe(200);
    expect(one.body.descriptionHtml.en).toMatch(/^<(h[2-6]|p)>/);
    expect(one.body.descriptionHtml.de).toMatch(/^<(h[2-6]|p)>/);
    expect(one.body.descriptionHtml.en).not.toMatch(/<script/);
  });
});

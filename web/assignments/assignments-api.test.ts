import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GradingReport, TestReport } from '../../grader/report.js';
import { loadAssignmentCatalog } from '../assignment-catalog.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Far ahead, so "before the deadline" holds whenever the test runs. */
const FUTURE = '2099-12-20T23:59:00+01:00';
const PAST = '2020-12-20T23:59:00+01:00';

const FILES = {
  'ws2026.yaml': `
id: echo-ws2026
basedOn: echo-tcp-server
title: Echo server (WS 2026)
tests:
  - id: short-ascii
    points: 40
  - id: two-clients
    points: 20
    visibility: hidden
  - id: successive
    points: 40
    visibility: hidden-until-deadline
deadline: ${FUTURE}
late: {policy: penalty, penaltyPercentPerDay: 10}
budget: {submissions: 5, perHours: 1}
`,
  'old.json': JSON.stringify({
    id: 'echo-2020',
    basedOn: 'echo-tcp-server',
    title: 'Echo server (2020)',
    tests: [{ id: 'short-ascii', points: 100 }],
    deadline: PAST,
    late: { policy: 'penalty', penaltyPercentPerDay: 10 },
  }),
};

let dir: string;
let h: ApiHarness;
let teacher: string;
let ada: string;
let adaId: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-assignments-api-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  h = await startApiHarness({ assignments: await loadAssignmentCatalog(dir) });
  teacher = h.addUser('teacher', 'teacher').token;
  ({ token: ada, id: adaId } = h.addUser('ada', 'student'));
});

afterEach(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const testReport = (id: string, name: string, score: number, maxScore: number): TestReport => ({
  id,
  name,
  score,
  maxScore,
  status: score === maxScore ? 'passed' : 'failed',
  feedback: `what happened in ${id}`,
  transcript: [{ t: 1, dir: 'send', conn: 'conn 1', text: `sent in ${id}`, bytes: 10 }],
});

/** A submission graded as if by a worker: stored, then marked done with this report. */
function graded(assignmentId: string, tests: TestReport[], createdAt = Date.now(), groups?: GradingReport['groups']): string {
  const submission = h.store.submissions.create({ userId: adaId, assignmentId, files: { 'server.py': 'cHJpbnQoMSkK' } }, createdAt);
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const report: GradingReport = {
    assignment: assignmentId,
    score,
    maxScore: tests.reduce((sum, t) => sum + t.maxScore, 0),
    durationMs: 900,
    tests,
    // With groups, `logs` is the visible run's, as mergeGroupReports makes it.
    logs: groups?.find((group) => group.visibility === 'visible')?.logs ?? { stdout: 'received: sent in two-clients\n', stderr: '' },
    ...(groups ? { groups } : {}),
  };
  expect(h.store.submissions.markDone(submission.id, report)).toBe(true);
  return submission.id;
}

describe('teacher-defined assignments over HTTP', () => {
  it('lists them after the built-ins with their rules, hiding the hidden tests’ names from students', async () => {
    const list = await h.api('GET', '/api/assignments', ada);
    expect(list.status).toBe(200);
    const ids = list.body.assignments.map((a: { id: string }) => a.id);
    // Both files are based on echo-tcp-server: closed to students, so it is no oracle for them.
    expect(ids).not.toContain('echo-tcp-server');
    expect(ids[0]).toBe('echo-udp-server');
    expect(ids.slice(-2)).toEqual(['echo-2020', 'echo-ws2026']);
    const all = (await h.api('GET', '/api/assignments', teacher)).body.assignments.map((a: { id: string }) => a.id);
    expect(all[0]).toBe('echo-tcp-server');
    const mine = list.body.assignments.at(-1);
    expect(mine).toEqual({
      id: 'echo-ws2026',
      title: 'Echo server (WS 2026)',
      summary: 'A TCP server that sends every message back unchanged.',
      role: 'server',
      transport: 'tcp',
      entry: 'server.py',
      entries: ['server.py', 'server.c', 'Server.java'],
      maxScore: 100,
      deadline: FUTURE,
      late: { policy: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: null, acceptedUntil: null },
      budget: { submissions: 5, perHours: 1 },
      tests: [
        { id: 'short-ascii', name: 'A short message', points: 40, visibility: 'visible' },
        { id: 'hidden-1', name: 'Hidden test', points: 20, visibility: 'hidden', shownAfter: null },
        { id: 'hidden-2', name: 'Hidden test', points: 40, visibility: 'hidden-until-deadline', shownAfter: FUTURE },
      ],
    });
    const builtin = list.body.assignments[0];
    expect(builtin).toMatchObject({ deadline: null, late: null, budget: null });

    const forTeacher = await h.api('GET', '/api/assignments/echo-ws2026', teacher);
    expect(forTeacher.body.tests).toEqual([
      { id: 'short-ascii', name: 'A short message', points: 40, visibility: 'visible' },
      { id: 'two-clients', name: 'Two clients at the same time', points: 20, visibility: 'hidden' },
      { id: 'successive', name: 'Three connections one after the other', points: 40, visibility: 'hidden-until-deadline' },
    ]);
    expect(forTeacher.body.description).toEqual({ en: expect.stringContaining('echo'), de: expect.any(String) });
  });

  it('enqueues a submission with the whole teacher definition, so any worker can grade it', async () => {
    const created = await h.api('POST', '/api/submissions', ada, { assignment: 'echo-ws2026', files: { 'server.py': 'cHJpbnQoMSkK' } });
    expect(created.status).toBe(202);
    expect(h.queue.jobs[0]!.assignment).toMatchObject({ id: 'echo-ws2026', suite: 'echo-tcp-server', tests: [{ id: 'short-ascii', points: 40 }, { id: 'two-clients', visibility: 'hidden' }, { id: 'successive', visibility: 'hidden-until-deadline' }] });
    // Each test's visibility travels with the job: the grader runs the hidden ones in pods of their own.
    expect(h.queue.jobs[0]!.assignment.tests[0]).not.toHaveProperty('visibility');
  });

  it('shows a student a graded submission without the hidden tests, and a teacher all of it', async () => {
    const visibleRun = { stdout: 'received: sent in short-ascii\n', stderr: '' };
    const id = graded(
      'echo-ws2026',
      [
        testReport('short-ascii', 'A short message', 40, 40),
        testReport('two-clients', 'Two clients at the same time', 0, 20),
        testReport('successive', 'Three connections one after the other', 40, 40),
      ],
      Date.now(),
      // As the grader runs it: each visibility against its own program run.
      [
        { visibility: 'visible', tests: ['short-ascii'], durationMs: 300, logs: visibleRun },
        { visibility: 'hidden-until-deadline', tests: ['successive'], durationMs: 300, logs: { stdout: 'received: sent in successive\n', stderr: '' } },
        { visibility: 'hidden', tests: ['two-clients'], durationMs: 300, logs: { stdout: 'received: sent in two-clients\n', stderr: '' } },
      ],
    );
    const seen = await h.api('GET', `/api/submissions/${id}`, ada);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'done', score: 40, maxScore: 40, late: null, hiddenTests: { count: 2, maxScore: 60, shownAfter: FUTURE } });
    expect(seen.body).not.toHaveProperty('rawScore');
    expect(seen.body.report.tests).toEqual([
      { ...testReport('short-ascii', 'A short message', 40, 40) },
      { id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 20, shownAfter: null },
      { id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 40, shownAfter: FUTURE },
    ]);
    expect(JSON.stringify(seen.body)).not.toMatch(/two-clients|successive|Two clients|Three connections/);
    const listed = await h.api('GET', '/api/submissions', ada);
    expect(listed.body.submissions[0]).toMatchObject({ id, score: 40, maxScore: 40 });
    expect(listed.body.submissions[0]).not.toHaveProperty('report');

    const full = await h.api('GET', `/api/submissions/${id}`, teacher);
    expect(full.body).toMatchObject({ score: 80, rawScore: 80, maxScore: 100, late: null, hiddenTests: { count: 0, maxScore: 0, shownAfter: null } });
    expect(full.body.report.tests.map((t: { id: string }) => t.id)).toEqual(['short-ascii', 'two-clients', 'successive']);
    expect(full.body.report.logs).toEqual(visibleRun);
    expect(full.body.report.groups.map((g: { logs: { stdout: string } }) => g.logs.stdout)).toEqual([
      'received: sent in short-ascii\n',
      'received: sent in successive\n',
      'received: sent in two-clients\n',
    ]);
    // The student sees the visible run's output, and only that run.
    expect(seen.body.report.logs).toEqual(visibleRun);
    expect(seen.body.report.groups).toEqual([{ visibility: 'visible', tests: ['short-ascii'], durationMs: 300, logs: visibleRun }]);
  });

  it('takes the late penalty off the score: 80 of 100, 1.5 days late at 10 % per day, counts 64', async () => {
    const id = graded('echo-2020', [testReport('short-ascii', 'A short message', 80, 100)], Date.parse(PAST) + 1.5 * DAY_MS);
    const seen = await h.api('GET', `/api/submissions/${id}`, ada);
    expect(seen.body).toMatchObject({ score: 64, maxScore: 100, late: { lateMs: 1.5 * DAY_MS, daysLate: 2, penaltyPercent: 20 } });
    const full = await h.api('GET', `/api/submissions/${id}`, teacher);
    expect(full.body).toMatchObject({ score: 64, rawScore: 80 });
  });
});

describe('the built-in a teacher file is based on (no oracle)', () => {
  const submit = (token: string, assignment: string) => h.api('POST', '/api/submissions', token, { assignment, files: { 'server.py': 'cHJpbnQoMSkK' } });
  const closed = (id: string) => ({
    status: 403,
    body: {
      error: {
        code: 'ASSIGNMENT_CLOSED',
        message: `The assignment \`${id}\` is not open to students. Hand in to one of your teacher's assignments instead: GET /api/assignments lists them.`,
      },
    },
  });

  it('is closed to students, stored nothing, and still open to teachers; other built-ins stay open', async () => {
    expect(await submit(ada, 'echo-tcp-server')).toMatchObject(closed('echo-tcp-server'));
    expect(await h.api('GET', '/api/assignments/echo-tcp-server', ada)).toMatchObject(closed('echo-tcp-server'));
    expect(h.store.submissions.count()).toBe(0);
    expect(h.queue.jobs).toHaveLength(0);
    expect((await submit(teacher, 'echo-tcp-server')).status).toBe(202);
    expect((await h.api('GET', '/api/assignments/echo-tcp-server', teacher)).status).toBe(200);
    expect((await submit(ada, 'echo-udp-server')).status).toBe(202);
    expect((await submit(ada, 'echo-ws2026')).status).toBe(202);
  });

  async function restart(files: Record<string, string>, opts: Parameters<typeof loadAssignmentCatalog>[1] = {}) {
    await h.close();
    await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), 'sockgrade-assignments-api-'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    h = await startApiHarness({ assignments: await loadAssignmentCatalog(dir, opts) });
    teacher = h.addUser('teacher', 'teacher').token;
    ({ token: ada, id: adaId } = h.addUser('ada', 'student'));
  }

  it('stays open with `openBase: true`, unless another file based on it closes it', async () => {
    const open = 'id: echo-open\nbasedOn: echo-tcp-server\ntitle: Open\nopenBase: true\n';
    await restart({ 'open.yaml': open });
    expect((await submit(ada, 'echo-tcp-server')).status).toBe(202);
    expect((await h.api('GET', '/api/assignments', ada)).body.assignments.map((a: { id: string }) => a.id)).toContain('echo-tcp-server');

    await restart({ 'open.yaml': open, 'closed.yaml': 'id: echo-closed\nbasedOn: echo-tcp-server\ntitle: Closed\nopenBase: false\n' });
    expect(await submit(ada, 'echo-tcp-server')).toMatchObject(closed('echo-tcp-server'));
  });

  it('with SOCKGRADE_STUDENT_ASSIGNMENTS=teacher lists and takes only the teachers’ files from students', async () => {
    await restart(FILES, { studentAssignments: 'teacher' });
    const listed = (await h.api('GET', '/api/assignments', ada)).body.assignments.map((a: { id: string }) => a.id);
    expect(listed).toEqual(['echo-2020', 'echo-ws2026']);
    expect(await submit(ada, 'echo-udp-server')).toMatchObject(closed('echo-udp-server'));
    expect((await submit(ada, 'echo-ws2026')).status).toBe(202);
    expect((await h.api('GET', '/api/assignments', teacher)).body.assignments.length).toBeGreaterThan(2);
    expect((await submit(teacher, 'echo-udp-server')).status).toBe(202);
  });
});

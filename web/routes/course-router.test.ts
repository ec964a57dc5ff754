import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { verdictReport } from '../../grader/report.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

const echo = getAssignment('echo-tcp-server')!;
const ids = echo.tests.map((test) => test.id);

let h: ApiHarness;
let teacher: { id: number; token: string };
let student: (name: string) => number;

beforeEach(async () => {
  h = await startApiHarness({ queueDepth: async () => ({ waiting: 3, active: 1, delayed: 0, failed: 2 }) });
  teacher = h.addUser('teacher', 'teacher');
  student = (name) => h.addUser(name, 'student').id;
});
afterEach(() => h.close());

/** A graded echo submission passing the tests in `passed`; its score is their points. */
function graded(userId: number, passed: string[], at: number, assignmentId = echo.id): string {
  const report = verdictReport(getAssignment(assignmentId)!, 'failed', 'x', 0);
  for (const test of report.tests) if (passed.includes(test.id)) Object.assign(test, { status: 'passed', score: test.maxScore });
  report.score = report.tests.reduce((sum, test) => sum + test.score, 0);
  const submission = h.store.submissions.create({ userId, assignmentId, files: {} }, at);
  h.store.submissions.markRunning(submission.id, { now: at });
  h.store.submissions.markDone(submission.id, report, { now: at });
  return submission.id;
}

describe('GET /api/assignments/:id/stats', () => {
  it('counts each student’s latest graded submission: histogram, pass rates, most-failed tests with failing submissions', async () => {
    const t = Date.UTC(2026, 10, 1);
    const ada = student('ada');
    const bob = student('bob');
    const cleo = student('cleo');
    graded(ada, [], t); // older: does not count
    const adaLatest = graded(ada, ids, t + 1); // full marks
    const bobLatest = graded(bob, ids.slice(0, 1), t + 2);
    const cleoLatest = graded(cleo, [], t + 3);
    graded(teacher.id, ids, t + 4); // a teacher's try does not count
    const stats = await h.api('GET', `/api/assignments/${echo.id}/stats`, teacher.token);
    expect(stats.status).toBe(200);
    const bobScore = echo.tests[0]!.points;
    expect(stats.body.assignment).toEqual({ id: echo.id, title: echo.title, maxScore: 100 });
    expect(stats.body.students).toBe(3);
    expect(stats.body.average).toBe(Math.round(((100 + bobScore + 0) / 3) * 100) / 100);
    expect(stats.body.histogram).toHaveLength(10);
    expect(stats.body.histogram[0]).toEqual({ from: 0, to: 10, count: 1 });
    expect(stats.body.histogram[9]).toEqual({ from: 90, to: 100, count: 1 });
    expect(stats.body.histogram[Math.floor(bobScore / 10)].count).toBe(1);
    expect(stats.body.histogram.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(3);
    expect(stats.body.tests[0]).toEqual({ id: ids[0], name: echo.tests[0]!.name, passed: 2, total: 3, passRate: 0.67 });
    expect(stats.body.tests[1]).toMatchObject({ id: ids[1], passed: 1, total: 3, passRate: 0.33 });
    expect(stats.body.mostFailed[0]).toMatchObject({ failed: 2 });
    expect(new Set(stats.body.mostFailed[0].submissions)).toEqual(new Set([bobLatest, cleoLatest]));
    expect(stats.body.mostFailed.at(-1)).toEqual({ id: ids[0], name: echo.tests[0]!.name, failed: 1, submissions: [cleoLatest] });
    expect(stats.body.mostFailed.flatMap((m: { submissions: string[] }) => m.submissions)).not.toContain(adaLatest);

    // An override moves cleo into the top bucket.
    await h.api('PUT', `/api/submissions/${cleoLatest}/override`, teacher.token, { score: 95, comment: 'oral exam' });
    const after = (await h.api('GET', `/api/assignments/${echo.id}/stats`, teacher.token)).body;
    expect(after.histogram[0].count).toBe(0);
    expect(after.histogram[9].count).toBe(2);
  });

  it('answers students 403 and unknown assignments 404', async () => {
    const ada = h.addUser('ada', 'student');
    expect((await h.api('GET', `/api/assignments/${echo.id}/stats`, ada.token)).status).toBe(403);
    expect((await h.api('GET', '/api/assignments/nope/stats', teacher.token)).status).toBe(404);
  });

  it('lists at most 10 failing submissions per test', async () => {
    for (let i = 0; i < 12; i++) graded(student(`s${i}`), [], Date.UTC(2026, 10, 1) + i);
    const stats = (await h.api('GET', `/api/assignments/${echo.id}/stats`, teacher.token)).body;
    expect(stats.mostFailed[0]).toMatchObject({ failed: 12, submissions: expect.any(Array) });
    expect(stats.mostFailed[0].submissions).toHaveLength(10);
  });
});

describe('GET /api/overview', () => {
  it('shows the queue, the last hour’s submissions and each assignment’s average and completion', async () => {
    const ada = student('ada');
    const bob = student('bob');
    student('cleo');
    graded(ada, ids, Date.now() - 2 * 60 * 60 * 1000);
    graded(bob, [], Date.now() - 60_000);
    h.store.submissions.create({ userId: bob, assignmentId: 'echo-udp-server', files: {} });
    const overview = await h.api('GET', '/api/overview', teacher.token);
    expect(overview.status).toBe(200);
    expect(overview.body.queue).toEqual({ waiting: 3, active: 1, delayed: 0, failed: 2 });
    expect(overview.body.submissionsLastHour).toBe(2);
    expect(overview.body.students).toBe(3);
    expect(overview.body.assignments.find((a: { id: string }) => a.id === echo.id)).toEqual({
      id: echo.id,
      title: echo.title,
      maxScore: 100,
      average: 50,
      studentsSubmitted: 2,
      studentsFullMarks: 1,
    });
    expect(overview.body.assignments.find((a: { id: string }) => a.id === 'echo-udp-server')).toMatchObject({ average: null, studentsSubmitted: 1, studentsFullMarks: 0 });
    expect((await h.api('GET', '/api/overview', h.addUser('dan', 'student').token)).status).toBe(403);
  });

  it('still answers without a queue', async () => {
    await h.close();
    h = await startApiHarness({ queueDepth: async () => Promise.reject(new Error('Redis is down')) });
    const token = h.addUser('teacher', 'teacher').token;
    expect((await h.api('GET', '/api/overview', token)).body).toMatchObject({ queue: null, submissionsLastHour: 0 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignment, listAssignments } from '../../checks/index.js';
import { verdictReport } from '../../grader/report.js';
import { createAssignmentCatalog } from '../assignment-catalog.js';
import { DAY_MS } from '../assignments/assignment-policy.js';
import { DEFAULT_POLICY, type AssignmentPolicy } from '../assignments/index.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

const echo = getAssignment('echo-tcp-server')!;
const DEADLINE = Date.UTC(2026, 11, 1, 12);
// echo-tcp-server is due at DEADLINE with 10 % off per day started; the others have no deadline.
const penalty: AssignmentPolicy = { ...DEFAULT_POLICY, deadline: DEADLINE, late: { policy: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: null } };
const catalog = createAssignmentCatalog(listAssignments().map((definition) => ({ definition, ...(definition.id === echo.id ? { policy: penalty } : {}) })));

let h: ApiHarness;
let teacher: { id: number; token: string };
let ada: { id: number; token: string };
let bob: { id: number; token: string };

beforeEach(async () => {
  h = await startApiHarness({ assignments: catalog });
  teacher = h.addUser('teacher', 'teacher');
  ada = h.addUser('ada', 'student');
  bob = h.addUser('bob', 'student');
});
afterEach(() => h.close());

/** A graded submission handed in at `at`, straight into the store. */
function graded(userId: number, score: number, at: number, assignmentId = echo.id): string {
  const submission = h.store.submissions.create({ userId, assignmentId, files: {} }, at);
  h.store.submissions.markRunning(submission.id, { now: at });
  h.store.submissions.markDone(submission.id, { ...verdictReport(getAssignment(assignmentId)!, 'failed', 'x', 0), score }, { now: at + 1000 });
  return submission.id;
}

describe('manual score overrides', () => {
  it('sets an override beside the automatic score, shows it to the teacher and the student, and undoes it', async () => {
    const id = graded(ada.id, 70, DEADLINE - DAY_MS);
    const set = await h.api('PUT', `/api/submissions/${id}/override`, teacher.token, { score: 85, comment: 'Your server was right; our test was too strict.' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id, score: 85, rawScore: 70, override: { by: 'teacher', score: 85, automaticScore: 70, maxScore: 100, setBy: teacher.id } });

    const own = await h.api('GET', `/api/submissions/${id}`, ada.token);
    expect(own.body.score).toBe(85);
    expect(own.body.override).toEqual({
      by: 'teacher',
      score: 85,
      maxScore: 100,
      comment: 'Your server was right; our test was too strict.',
      automaticScore: 70,
      setAt: expect.any(String),
    });
    expect(own.body.report.score).toBe(70); // the graded report is untouched
    expect(h.store.submissions.get(id)!.report!.score).toBe(70);
    expect((await h.api('GET', '/api/submissions', ada.token)).body.submissions[0]).toMatchObject({ id, score: 85, override: { score: 85 } });
    expect((await h.api('GET', `/api/me/assignments/${echo.id}`, ada.token)).body.mine).toMatchObject({ latest: { id, score: 85 }, best: { id, score: 85 } });

    const undone = await h.api('DELETE', `/api/submissions/${id}/override`, teacher.token);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ score: 70, override: null });
    expect((await h.api('GET', `/api/submissions/${id}`, ada.token)).body).toMatchObject({ score: 70, override: null });
    expect((await h.api('DELETE', `/api/submissions/${id}/override`, teacher.token)).status).toBe(404);
  });

  it('undo restores the previous override, and the history keeps who set and undid what', async () => {
    const id = graded(ada.id, 70, DEADLINE - DAY_MS);
    await h.api('PUT', `/api/submissions/${id}/override`, teacher.token, { score: 80, comment: 'first' });
    await h.api('PUT', `/api/submissions/${id}/override`, teacher.token, { score: 90, comment: 'second' });
    expect((await h.api('DELETE', `/api/submissions/${id}/override`, teacher.token)).body).toMatchObject({ score: 80, override: { comment: 'first' } });
    const history = await h.api('GET', `/api/submissions/${id}/override`, teacher.token);
    expect(history.body.current).toMatchObject({ score: 80, comment: 'first', setBy: 'teacher', undoneAt: null });
    expect(history.body.history).toEqual([
      expect.objectContaining({ score: 80, previousScore: null, setBy: 'teacher', undoneBy: null }),
      expect.objectContaining({ score: 90, previousScore: 80, setBy: 'teacher', undoneBy: 'teacher', undoneAt: expect.any(String) }),
    ]);
    expect((await h.api('GET', `/api/submissions/${id}/override`, ada.token)).status).toBe(403);
  });

  it('refuses students, bad scores, missing or long comments, and ungraded submissions, changing nothing', async () => {
    const id = graded(ada.id, 70, DEADLINE - DAY_MS);
    const ok = { score: 50, comment: 'fine' };
    const forbidden = await h.api('PUT', `/api/submissions/${id}/override`, ada.token, ok);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await h.api('DELETE', `/api/submissions/${id}/override`, ada.token)).status).toBe(403);
    const cases: [unknown, RegExp][] = [
      [{ score: 101, comment: 'x' }, /^`score`: at most 100/],
      [{ score: -1, comment: 'x' }, /^`score`:/],
      [{ score: '50', comment: 'x' }, /^`score`:/],
      [{ score: 50 }, /^`comment`:/],
      [{ score: 50, comment: '   ' }, /^`comment`: say why/],
      [{ score: 50, comment: 'x'.repeat(1001) }, /^`comment`: at most 1000 characters/],
      [{ score: 50, comment: 'x', extra: 1 }, /^`body`: Unrecognized key/],
    ];
    for (const [body, message] of cases) {
      const refused = await h.api('PUT', `/api/submissions/${id}/override`, teacher.token, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
    }
    expect((await h.api('PUT', `/api/submissions/${id}/override`, teacher.token, { score: 100, comment: 'x'.repeat(1000) })).status).toBe(200);
    expect(h.store.overrides.history(id)).toHaveLength(1);
    expect((await h.api('PUT', '/api/submissions/nope/override', teacher.token, ok)).status).toBe(404);
    const queued = h.store.submissions.create({ userId: ada.id, assignmentId: echo.id, files: {} });
    const notGraded = await h.api('PUT', `/api/submissions/${queued.id}/override`, teacher.token, ok);
    expect(notGraded.status).toBe(409);
    expect(notGraded.body.error.message).toMatch(/no graded report yet/);
  });

  it('keeps the override through a regrade; the automatic score beside it changes', async () => {
    const id = graded(ada.id, 70, DEADLINE - DAY_MS);
    await h.api('PUT', `/api/submissions/${id}/override`, teacher.token, { score: 95, comment: 'manual check' });
    expect((await h.api('POST', `/api/submissions/${id}/regrade`, teacher.token)).status).toBe(202);
    const regraded = h.store.submissions.get(id)!;
    h.store.submissions.markRunning(id, { generation: regraded.generation });
    h.store.submissions.markDone(id, { ...verdictReport(echo, 'failed', 'x', 0), score: 40 }, { generation: regraded.generation });
    expect((await h.api('GET', `/api/submissions/${id}`, teacher.token)).body).toMatchObject({ score: 95, rawScore: 40, override: { automaticScore: 40 } });
  });
});

describe('the gradebook', () => {
  it('latest: the newest graded submission after the late penalty; best: the highest effective score; overrides count in both', async () => {
    const onTime = graded(ada.id, 90, DEADLINE - 2 * DAY_MS);
    const late = graded(ada.id, 80, DEADLINE + DAY_MS + 60_000); // 2 days started: 20 % off → 64
    graded(bob.id, 50, DEADLINE - DAY_MS);
    const bobsNewest = graded(bob.id, 60, DEADLINE - 1000);
    graded(bob.id, 30, DEADLINE - 500, 'echo-udp-server');

    const latest = (await h.api('GET', '/api/gradebook?mode=latest', teacher.token)).body;
    expect(latest.mode).toBe('latest');
    expect(latest.maxTotal).toBe(200);
    const adaLatest = latest.students.find((s: { name: string }) => s.name === 'ada');
    expect(adaLatest.grades[echo.id]).toEqual({
      score: 64,
      maxScore: 100,
      submissionId: late,
      submittedAt: new Date(DEADLINE + DAY_MS + 60_000).toISOString(),
      pending: false,
      error: null,
      late: true,
      daysLate: 2,
      override: false,
      automaticScore: 64,
      overrideComment: null,
    });
    expect(adaLatest.total).toBe(64);
    expect(latest.students.find((s: { name: string }) => s.name === 'bob')).toMatchObject({ total: 90, grades: { [echo.id]: { score: 60, submissionId: bobsNewest, late: false, daysLate: 0 } } });

    const best = (await h.api('GET', '/api/gradebook?mode=best', teacher.token)).body;
    expect(best.students.find((s: { name: string }) => s.name === 'ada').grades[echo.id]).toMatchObject({ score: 90, submissionId: onTime, late: false });

    // An override on the late one lifts it above the on-time one in `best` too.
    await h.api('PUT', `/api/submissions/${late}/override`, teacher.token, { score: 95, comment: 'excused: illness' });
    const overridden = (await h.api('GET', '/api/gradebook?mode=best', teacher.token)).body.students.find((s: { name: string }) => s.name === 'ada');
    expect(overridden.grades[echo.id]).toMatchObject({ score: 95, submissionId: late, override: true, automaticScore: 64, overrideComment: 'excused: illness', late: true });

    // Two live overrides on one submission: the newer counts (until undone).
    await h.api('PUT', `/api/submissions/${bobsNewest}/override`, teacher.token, { score: 10, comment: 'first' });
    await h.api('PUT', `/api/submissions/${bobsNewest}/override`, teacher.token, { score: 60, comment: 'second' });
    const bobCell = (await h.api('GET', '/api/gradebook', teacher.token)).body.students.find((s: { name: string }) => s.name === 'bob').grades[echo.id];
    expect(bobCell).toMatchObject({ score: 60, override: true, overrideComment: 'second', automaticScore: 60 });
    await h.api('DELETE', `/api/submissions/${bobsNewest}/override`, teacher.token);
    await h.api('DELETE', `/api/submissions/${bobsNewest}/override`, teacher.token);

    const csv = (await h.api('GET', '/api/gradebook?format=csv&mode=best', teacher.token)).text;
    expect(csv).toBe(
      'student,echo-tcp-server,echo-udp-server,total,notes\r\n' +
        '(max),100,100,200,mode: best\r\n' +
        'ada,95,,95,"echo-tcp-server: teacher override (automatic 64), 2 days late"\r\n' +
        'bob,60,30,90,\r\n',
    );
    expect((await h.api('GET', '/api/gradebook?mode=worst', teacher.token)).body.error).toEqual({ code: 'BAD_REQUEST', message: '`mode` must be `latest` or `best`.' });
  });

  it('leaves out the column of an assignment the catalog no longer knows, unless it is asked for', async () => {
    graded(ada.id, 70, DEADLINE - DAY_MS);
    h.store.submissions.create({ userId: ada.id, assignmentId: 'deleted-teacher-file', files: {} });
    const book = (await h.api('GET', '/api/gradebook', teacher.token)).body;
    expect(book.assignments.map((a: { id: string }) => a.id)).toEqual([echo.id]);
    expect((await h.api('GET', '/api/gradebook?assignment=deleted-teacher-file', teacher.token)).status).toBe(404);
  });

  it('builds 200 students × 20 assignments with 3 submissions per cell from one query', async () => {
    const ids = listAssignments().map((a) => a.id);
    const assignmentIds = Array.from({ length: 20 }, (_, i) => ids[i % ids.length]!).slice(0, Math.min(20, ids.length));
    const t0 = Date.UTC(2026, 10, 1);
    for (let s = 0; s < 200; s++) {
      const id = h.store.users.create({ name: `student-${String(s).padStart(3, '0')}`, role: 'student' }).id;
      for (const assignmentId of assignmentIds) for (let k = 0; k < 3; k++) graded(id, (s + k) % 101, t0 + k * 1000, assignmentId);
    }
    const book = (await h.api('GET', '/api/gradebook?mode=best', teacher.token)).body;
    expect(book.students).toHaveLength(202);
    const s7 = book.students.find((s: { name: string }) => s.name === 'student-007');
    expect(s7.grades[assignmentIds[0]!].score).toBe(9); // best of 7, 8, 9
    expect(Object.keys(s7.grades)).toHaveLength(assignmentIds.length);
  });
});

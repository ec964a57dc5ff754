import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { verdictReport } from '../../grader/report.js';
import { QueueResultRecorder } from '../results/queue-result-recorder.js';
import { DEFAULT_INTAKE } from './submissions-router.js';
import { readEventStream, startApiHarness, type ApiHarness, type SseEvent } from '../testing/api-harness.js';

const echo = getAssignment('echo-tcp-server')!;
/** A report scoring `score` of 100, test by test as a worker would (the recorder checks the sums). */
const report = (score: number, assignment = echo) => {
  const result = verdictReport(assignment, 'failed', 'x', 0);
  let left = score;
  for (const test of result.tests) {
    test.score = Math.min(left, test.maxScore);
    left -= test.score;
  }
  return { ...result, score };
};
const upload = (assignment = 'echo-tcp-server') => ({ assignment, files: { 'server.py': Buffer.from('print(1)\n').toString('base64') } });

let h: ApiHarness;
let teacher: string;
let ada: { id: number; token: string };
let bob: { id: number; token: string };
let recorder: QueueResultRecorder;

beforeEach(async () => {
  h = await startApiHarness({ intake: { ...DEFAULT_INTAKE, supersede: true, maxInFlightPerStudent: 2 } });
  teacher = h.addUser('teacher', 'teacher').token;
  ada = h.addUser('ada', 'student');
  bob = h.addUser('bob', 'student');
  recorder = new QueueResultRecorder(h.store, 'q', () => {}, () => {}, (id, event) => h.events.publish(id, event));
});
afterEach(() => h.close());

/** What a worker would make the queue report for one grading. */
function grade(jobId: string, score: number, assignment = echo): void {
  recorder.handle('active', { jobId });
  recorder.handle('completed', { jobId, returnvalue: report(score, assignment) });
}

describe('superseding and the per-student limit', () => {
  it('supersedes a student’s older queued submission of the same assignment and takes its job out of the queue', async () => {
    const first = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    const second = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    const bobs = (await h.api('POST', '/api/submissions', bob.token, upload())).body.id;
    const old = await h.api('GET', `/api/submissions/${first}`, ada.token);
    expect(old.body).toMatchObject({ status: 'superseded' });
    expect(h.queue.discarded).toEqual([`sub-${first}`]);
    expect((await h.api('GET', `/api/submissions/${second}`, ada.token)).body.status).toBe('queued');
    expect((await h.api('GET', `/api/submissions/${bobs}`, bob.token)).body.status).toBe('queued');
    // A job the worker had already taken: its result does not revive the superseded submission.
    grade(`sub-${first}`, 100);
    expect(h.store.submissions.get(first)).toMatchObject({ status: 'superseded', report: null });
  });

  it('answers 429 with Retry-After beyond the limit of submissions in flight, and stores nothing', async () => {
    expect((await h.api('POST', '/api/submissions', ada.token, upload('echo-tcp-server'))).status).toBe(202);
    const udp = (await h.api('POST', '/api/submissions', ada.token, upload('echo-udp-server'))).body.id;
    const before = h.store.submissions.count();
    // Issue #12: the one a new submission would supersede counts too, until it really left the queue.
    for (const assignment of ['daytime-tcp-server', 'echo-udp-server']) {
      const refused = await h.api('POST', '/api/submissions', ada.token, upload(assignment));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(refused.body.error).toEqual({ code: 'TOO_MANY_QUEUED', message: expect.stringMatching(/^You have 2 submissions waiting or being graded; at most 2/) });
    }
    expect(h.store.submissions.count()).toBe(before);
    expect(h.queue.discarded).toEqual([]);
    expect(h.store.submissions.get(udp)?.status).toBe('queued');
    // Teachers are not limited.
    for (const assignment of ['echo-tcp-server', 'echo-udp-server', 'daytime-tcp-server']) {
      expect((await h.api('POST', '/api/submissions', teacher, upload(assignment))).status).toBe(202);
    }
  });

  it('does not supersede a submission whose job a worker already holds: it is graded and keeps counting', async () => {
    const first = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    // The worker took the job; the `active` event has not been recorded yet.
    h.queue.held.add(`sub-${first}`);
    const second = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    expect(h.store.submissions.get(first)?.status).toBe('queued');
    expect(h.store.submissions.get(second)?.status).toBe('queued');
    expect(h.queue.discarded).toEqual([]);
    // Two in flight, the limit: a third is refused even for the same assignment.
    expect((await h.api('POST', '/api/submissions', ada.token, upload())).status).toBe(429);
    grade(`sub-${first}`, 40);
    expect(h.store.submissions.get(first)).toMatchObject({ status: 'done', report: { score: 40 } });
    // Now `second` is waiting alone: superseded by the next one, its job taken out.
    const third = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    expect(h.store.submissions.get(second)).toMatchObject({ status: 'superseded', supersededBy: third });
    expect(h.queue.discarded).toEqual([`sub-${second}`]);
  });

  it('keeps every submission when superseding is turned off', async () => {
    await h.close();
    h = await startApiHarness({ intake: { ...DEFAULT_INTAKE, supersede: false, maxInFlightPerStudent: 5 } });
    const token = h.addUser('ada', 'student').token;
    const first = (await h.api('POST', '/api/submissions', token, upload())).body.id;
    await h.api('POST', '/api/submissions', token, upload());
    expect(h.store.submissions.get(first)?.status).toBe('queued');
    expect(h.queue.jobs).toHaveLength(2);
  });
});

describe('listing', () => {
  it('lists the newest first, 100 unless `limit` says otherwise (at most 1000)', async () => {
    const ids: string[] = [];
    for (const assignment of ['echo-tcp-server', 'echo-udp-server', 'daytime-tcp-server']) {
      ids.push((await h.api('POST', '/api/submissions', teacher, upload(assignment))).body.id);
    }
    expect((await h.api('GET', '/api/submissions?limit=2', teacher)).body.submissions.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    expect((await h.api('GET', '/api/submissions', teacher)).body.submissions).toHaveLength(3);
    for (const bad of ['0', '1001', 'ten', '-1']) {
      expect(await h.api('GET', `/api/submissions?limit=${bad}`, teacher)).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    }
  });
});

describe('regrading', () => {
  it('regrades one finished submission as a new job; 409 while it is still queued; students may not', async () => {
    const id = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    expect((await h.api('POST', `/api/submissions/${id}/regrade`, teacher)).status).toBe(409);
    grade(`sub-${id}`, 60);
    expect((await h.api('POST', `/api/submissions/${id}/regrade`, ada.token)).status).toBe(403);
    const regraded = await h.api('POST', `/api/submissions/${id}/regrade`, teacher);
    expect(regraded.status).toBe(202);
    expect(regraded.body).toMatchObject({ id, status: 'queued', score: 60 });
    expect(h.queue.jobIds()).toEqual([`sub-${id}`, `sub-${id}.g1`]);
    grade(`sub-${id}.g1`, 85);
    expect((await h.api('GET', `/api/submissions/${id}`, ada.token)).body).toMatchObject({ status: 'done', score: 85 });
    expect((await h.api('POST', '/api/submissions/nope/regrade', teacher)).status).toBe(404);
  });

  it('regrades every student’s latest submission of an assignment, with progress while it runs', async () => {
    const adaOld = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    grade(`sub-${adaOld}`, 10);
    const adaNew = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    grade(`sub-${adaNew}`, 20);
    const bobs = (await h.api('POST', '/api/submissions', bob.token, upload())).body.id;
    grade(`sub-${bobs}`, 30);
    const cleo = h.addUser('cleo', 'student');
    const cleos = (await h.api('POST', '/api/submissions', cleo.token, upload())).body.id; // still queued

    const started = await h.api('POST', '/api/assignments/echo-tcp-server/regrade', teacher);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/regrades/${started.body.id}`);
    expect(started.body).toMatchObject({ assignment: 'echo-tcp-server', requestedBy: 'teacher', total: 2, skipped: 1, done: 0, pending: 2, finished: false });
    expect(h.queue.jobIds().slice(-2).sort()).toEqual([`sub-${adaNew}.g1`, `sub-${bobs}.g1`].sort());
    expect(h.queue.jobIds()).toContain(`sub-${cleos}`);

    grade(`sub-${adaNew}.g1`, 25);
    const halfway = await h.api('GET', `/api/regrades/${started.body.id}`, teacher);
    expect(halfway.body).toMatchObject({ total: 2, done: 1, failed: 0, pending: 1, finished: false });
    recorder.handle('active', { jobId: `sub-${bobs}.g1` });
    recorder.handle('failed', { jobId: `sub-${bobs}.g1`, failedReason: 'Cannot reach the Docker engine' });
    const end = await h.api('GET', `/api/regrades/${started.body.id}`, teacher);
    expect(end.body).toMatchObject({ total: 2, done: 1, failed: 1, pending: 0, finished: true });
    // The failed regrade keeps the earlier report: nothing a student had is lost.
    expect(h.store.submissions.get(bobs)).toMatchObject({ status: 'error', report: { score: 30 } });
    expect((await h.api('GET', '/api/regrades', teacher)).body.regrades).toHaveLength(1);
    expect((await h.api('GET', `/api/regrades/${started.body.id}`, ada.token)).status).toBe(403);
    expect((await h.api('POST', '/api/assignments/nope/regrade', teacher)).status).toBe(404);
  });
});

describe('the gradebook', () => {
  it('shows each student’s latest graded score per assignment, as JSON and as CSV', async () => {
    h.addUser('-cleo', 'student');
    const a1 = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    grade(`sub-${a1}`, 70);
    const a2 = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id; // in flight
    const b1 = (await h.api('POST', '/api/submissions', bob.token, upload('echo-udp-server'))).body.id;
    grade(`sub-${b1}`, 40, getAssignment('echo-udp-server')!);

    const book = await h.api('GET', '/api/gradebook', teacher);
    expect(book.status).toBe(200);
    expect(book.body.assignments).toEqual([
      { id: 'echo-tcp-server', title: echo.title, maxScore: 100 },
      { id: 'echo-udp-server', title: getAssignment('echo-udp-server')!.title, maxScore: 100 },
    ]);
    expect(book.body.students.map((s: { name: string; total: number }) => [s.name, s.total])).toEqual([
      ['-cleo', 0],
      ['ada', 70],
      ['bob', 40],
    ]);
    expect(book.body.students[1].grades['echo-tcp-server']).toMatchObject({ score: 70, submissionId: a1, pending: true, error: null });
    expect(book.body.students[1].grades['echo-udp-server']).toBeNull();
    expect(a2).toEqual(expect.any(String));

    const csv = await h.api('GET', '/api/gradebook?format=csv', teacher);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?gradebook-\d{4}-\d{2}-\d{2}\.csv"?$/);
    expect(csv.text).toBe(
      'student,echo-tcp-server,echo-udp-server,total,notes\r\n(max),100,100,200,mode: latest\r\n' +
        "'-cleo,,,0,\r\nada,70,,70,echo-tcp-server: newer submission pending\r\nbob,,40,40,\r\n",
    );
    expect((await h.api('GET', '/api/gradebook?assignment=echo-udp-server', teacher)).body.assignments).toHaveLength(1);
    expect((await h.api('GET', '/api/gradebook?assignment=nope', teacher)).status).toBe(404);
    expect((await h.api('GET', '/api/gradebook', ada.token)).status).toBe(403);
  });
});

describe('live events of a submission', () => {
  it('streams queued → running → progress test by test → done with the report, then closes', async () => {
    const id = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    const seen: SseEvent[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const reading = readEventStream(`${h.base}/api/submissions/${id}/events`, ada.token, (event) => {
      seen.push(event);
      opened();
    });
    await open;
    recorder.handle('active', { jobId: `sub-${id}` });
    recorder.handle('progress', { jobId: `sub-${id}`, data: { testsDone: 1, testsTotal: 7, test: { id: 'short-ascii', status: 'passed' } } });
    recorder.handle('progress', { jobId: `sub-${id}`, data: { testsDone: 2, testsTotal: 7, test: { id: 'long-line', status: 'failed' } } });
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: report(55) });
    await reading; // ends because the server closed the stream
    expect(seen.map((event) => event.event)).toEqual(['status', 'status', 'progress', 'progress', 'done']);
    expect(seen.map((event) => event.data.status)).toEqual(['queued', 'running', undefined, undefined, 'done']);
    expect(seen[3]!.data).toEqual({ testsDone: 2, testsTotal: 7, test: { id: 'long-line', status: 'failed' } });
    expect(seen[4]!.data).toMatchObject({ id, score: 55, report: { score: 55 } });
    expect(h.events.listeners(id)).toBe(0);
  });

  it('sends a finished submission at once, and hides other students’ streams', async () => {
    const id = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    grade(`sub-${id}`, 90);
    const seen: SseEvent[] = [];
    await readEventStream(`${h.base}/api/submissions/${id}/events`, ada.token, (event) => seen.push(event));
    expect(seen.map((event) => [event.event, event.data.score])).toEqual([['done', 90]]);
    await expect(readEventStream(`${h.base}/api/submissions/${id}/events`, bob.token, () => {})).rejects.toThrow(/answered 404/);
  });

  it('stops listening when the client goes away', async () => {
    const id = (await h.api('POST', '/api/submissions', ada.token, upload())).body.id;
    const controller = new AbortController();
    const reading = readEventStream(`${h.base}/api/submissions/${id}/events`, ada.token, () => controller.abort(), controller.signal);
    await expect(reading).rejects.toThrow();
    await expect.poll(() => h.events.listeners(id)).toBe(0);
  });
});

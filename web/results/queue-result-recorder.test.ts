import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { parseGradingJob, type GradingJobData } from '../../grader/jobs.js';
import { verdictReport } from '../../grader/report.js';
import { builtinAssignments } from '../assignment-catalog.js';
import type { JobLookup } from '../queue/grading-queue.js';
import { openStore, type Store } from '../store/index.js';
import { openStoreWithStudent } from '../testing/store-fixture.js';
import { QueueResultRecorder } from './queue-result-recorder.js';
import { reconcileSubmissions } from './reconcile-submissions.js';

const echo = getAssignment('echo-tcp-server')!;
const report = verdictReport(echo, 'failed', 'no server.py', 0);
/** Full marks: 100 points over seven tests. */
const fullMarks = (assignment: typeof echo) => {
  const result = verdictReport(assignment, 'passed', 'all good', 0);
  for (const test of result.tests) test.score = test.maxScore;
  return { ...result, score: result.maxScore };
};
const passed = fullMarks(echo);
let store: Store;
let userId: number;
beforeEach(() => void ({ store, userId } = openStoreWithStudent()));
afterEach(() => store.close());

const submit = () => store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files: { 'server.py': 'eA==' } }).id;

describe('recording queue events', () => {
  it('follows a job from active to done and remembers the last event id', () => {
    const events = new EventEmitter();
    const recorded: string[] = [];
    const recorder = new QueueResultRecorder(store, 'q1', () => {}, (jobId) => recorded.push(jobId));
    recorder.attach(events as never);
    const id = submit();
    expect(recorder.lastEventId).toBe('0-0');
    events.emit('active', { jobId: `sub-${id}`, prev: 'waiting' }, '1-0');
    events.emit('progress', { jobId: `sub-${id}`, data: { testsDone: 3, testsTotal: 7 } }, '2-0');
    expect(store.submissions.get(id)).toMatchObject({ status: 'running', attempts: 1, progress: { testsDone: 3 } });
    events.emit('completed', { jobId: `sub-${id}`, returnvalue: report }, '3-0');
    expect(store.submissions.get(id)).toMatchObject({ status: 'done', report });
    expect(recorded).toEqual([`sub-${id}`]);
    expect(new QueueResultRecorder(store, 'q1').lastEventId).toBe('3-0');
    expect(new QueueResultRecorder(store, 'other queue').lastEventId).toBe('0-0');
  });

  it('adds when it stored the result to the report’s timings; malformed timings are dropped, the grade still counts (issue #11)', () => {
    const recorder = new QueueResultRecorder(store, 'q1');
    const id = submit();
    recorder.handle('active', { jobId: `sub-${id}` });
    const startedAt = new Date(Date.now() - 5000).toISOString();
    const timings = { startedAt, marks: { queued: -300, started: 0, testsDone: 2000 }, phases: [], tests: [] };
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: { ...report, timings } });
    const stored = store.submissions.get(id)!.report!;
    expect(stored.timings!.marks.recorded).toBeGreaterThanOrEqual(5000);
    expect(stored.timings!.phases.map((p) => p.phase)).toEqual(['started', 'testsDone', 'recorded']);
    const other = submit();
    recorder.handle('active', { jobId: `sub-${other}` });
    recorder.handle('completed', { jobId: `sub-${other}`, returnvalue: { ...report, timings: { startedAt: 'never', marks: 'x' } } });
    expect(store.submissions.get(other)).toMatchObject({ status: 'done', report: { score: report.score } });
    expect(store.submissions.get(other)!.report).not.toHaveProperty('timings');
  });

  it('shows a retry as queued again and the final failure as error with its reason', () => {
    const recorder = new QueueResultRecorder(store, 'q1');
    const id = submit();
    recorder.handle('active', { jobId: `sub-${id}` });
    recorder.handle('delayed', { jobId: `sub-${id}`, delay: 5000 });
    expect(store.submissions.get(id)?.status).toBe('queued');
    recorder.handle('active', { jobId: `sub-${id}` });
    recorder.handle('failed', { jobId: `sub-${id}`, failedReason: 'Cannot reach the Docker engine' });
    expect(store.submissions.get(id)).toMatchObject({ status: 'error', attempts: 2, error: 'Cannot reach the Docker engine' });
  });

  it('applies events only to the grading generation they belong to, and says what changed', () => {
    const changes: string[] = [];
    const recorder = new QueueResultRecorder(store, 'q1', () => {}, () => {}, (id, event) => changes.push(`${id} ${event}`));
    const id = submit();
    recorder.handle('active', { jobId: `sub-${id}` });
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: report });
    store.submissions.startRegrade(id);
    // A late, replayed event of the first grading: ignored, the regrade stays queued.
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: { ...report, score: 99 } });
    expect(store.submissions.get(id)).toMatchObject({ status: 'queued', generation: 1 });
    recorder.handle('active', { jobId: `sub-${id}.g1` });
    recorder.handle('completed', { jobId: `sub-${id}.g1`, returnvalue: passed });
    expect(store.submissions.get(id)).toMatchObject({ status: 'done', report: { score: 100 } });
    expect(changes).toEqual([`${id} active`, `${id} completed`, `${id} active`, `${id} completed`]);
  });

  it('ignores jobs that are not ours and never throws at the event loop', () => {
    const recorded: string[] = [];
    const recorder = new QueueResultRecorder(store, 'q1', () => {}, (jobId) => recorded.push(jobId));
    expect(() => recorder.handle('completed', { jobId: '42', returnvalue: {} }, '9-0')).not.toThrow();
    recorder.handle('completed', { jobId: 'sub-unknownHere', returnvalue: report });
    expect(recorded).toEqual([]);
    const id = submit();
    store.close();
    expect(() => recorder.handle('active', { jobId: `sub-${id}` })).not.toThrow();
    store = openStore(':memory:');
  });

  it('turns an unreadable report into an error, not a crash', () => {
    const recorder = new QueueResultRecorder(store, 'q1');
    const id = submit();
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: { score: 'lots' } });
    expect(store.submissions.get(id)).toMatchObject({ status: 'error', error: expect.stringMatching(/cannot read/) });
  });
});

describe('results checked against the job they belong to (issue #12)', () => {
  const forged = (change: (tests: typeof report.tests) => Partial<typeof report> | void) => {
    const copy = structuredClone(passed);
    return { ...copy, ...(change(copy.tests) ?? {}) };
  };
  it.each<[string, ReturnType<typeof forged>, RegExp]>([
    ['a score above the test’s points', forged((tests) => void (tests[0]!.score = 1000)), /test `short-ascii` has 1000 of 15 points/],
    ['a negative score', forged((tests) => void (tests[1]!.score = -5)), /test `utf8-text` has -5 of 15 points/],
    ['a test worth more than the definition says', forged((tests) => void Object.assign(tests[0]!, { score: 60, maxScore: 60 })), /test `short-ascii` is worth 60 points in it, not 15/],
    ['a test the assignment does not have', forged((tests) => void tests.push({ ...tests[0]!, id: 'bonus' })), /a test `bonus` the assignment does not have/],
    ['a test twice', forged((tests) => void tests.push(tests[0]!)), /the test `short-ascii` twice/],
    ['a missing test', forged((tests) => void tests.pop()), /the test `non-utf8` is missing/],
    ['a total that is not the sum of its tests', forged(() => ({ score: 100 })) && { ...report, score: 100 }, /total of 100 points is not the sum of its tests \(0\)/],
    ['a total out of other points', { ...passed, maxScore: 50 }, /its total is out of 50 points, not 100/],
    ['another assignment’s report', { ...passed, assignment: 'guess-udp-server' }, /for assignment `guess-udp-server`, not `echo-tcp-server`/],
  ])('refuses %s: the submission ends as error with the reason, not done', (_what, forgedReport, reason) => {
    const log: string[] = [];
    const removed: string[] = [];
    const recorder = new QueueResultRecorder(store, 'q1', (line) => log.push(line), (jobId) => removed.push(jobId));
    const id = submit();
    recorder.handle('active', { jobId: `sub-${id}` });
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: forgedReport });
    const after = store.submissions.get(id)!;
    expect(after).toMatchObject({ status: 'error', report: null });
    expect(after.error).toMatch(/^The grading result was refused and not recorded: /);
    expect(after.error).toMatch(reason);
    expect(log).toEqual([expect.stringMatching(new RegExp(`^result of sub-${id} refused: `))]);
    // Kept in Redis for whoever looks into it.
    expect(removed).toEqual([]);
  });

  it('lets the real result replace a forged one that came first, and accepts partial credit', () => {
    const recorder = new QueueResultRecorder(store, 'q1');
    const id = submit();
    recorder.handle('active', { jobId: `sub-${id}` });
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: { ...report, score: 100 } });
    expect(store.submissions.get(id)?.status).toBe('error');
    // 1/3 of 15 points is 5; a third of 10 is 3.33 (two decimals): totals still add up.
    const partial = structuredClone(report);
    Object.assign(partial.tests[0]!, { score: 5, status: 'failed' });
    Object.assign(partial.tests[6]!, { score: 3.33, status: 'failed' });
    partial.score = 8.33;
    recorder.handle('completed', { jobId: `sub-${id}`, returnvalue: partial });
    expect(store.submissions.get(id)).toMatchObject({ status: 'done', error: null, report: { score: 8.33 } });
  });

  it('checks a teacher assignment’s result against that assignment, and refuses one for an assignment it does not know', () => {
    const teacherAssignment = { ...echo, id: 'echo-term', tests: echo.tests.slice(0, 2).map((test) => ({ ...test, points: 50 })) };
    const catalog = { get: (id: string) => (id === 'echo-term' ? teacherAssignment : undefined) };
    const recorder = new QueueResultRecorder(store, 'q1', () => {}, () => {}, () => {}, catalog);
    const own = store.submissions.create({ userId, assignmentId: 'echo-term', files: { 'server.py': 'eA==' } }).id;
    recorder.handle('completed', { jobId: `sub-${own}`, returnvalue: fullMarks(teacherAssignment) });
    expect(store.submissions.get(own)).toMatchObject({ status: 'done', report: { score: 100 } });
    const other = submit();
    recorder.handle('completed', { jobId: `sub-${other}`, returnvalue: passed });
    expect(store.submissions.get(other)?.error).toMatch(/the assignment `echo-tcp-server` is not known to this service/);
  });
});

describe('reconciling unfinished submissions', () => {
  it('enqueues what has no job, records what finished while away, leaves live jobs alone', async () => {
    const [missing, running, completed, failed, live, forgedResult] = [submit(), submit(), submit(), submit(), submit(), submit()];
    store.submissions.markRunning(running);
    const states: Record<string, JobLookup> = {
      [missing]: { state: 'missing' },
      [running]: { state: 'missing' },
      [completed]: { state: 'completed', result: report },
      [failed]: { state: 'failed', reason: 'image missing' },
      [live]: { state: 'live' },
      [forgedResult]: { state: 'completed', result: { ...report, score: 100 } },
    };
    const enqueued: GradingJobData[] = [];
    const removed: string[] = [];
    const queue = {
      lookup: async (id: string) => states[id]!,
      enqueue: async (job: GradingJobData) => void enqueued.push(parseGradingJob(job)),
      removeJob: async (jobId: string) => void removed.push(jobId),
    };
    const result = await reconcileSubmissions({ store, queue, assignments: builtinAssignments, log: () => {} });
    expect(result).toEqual({ enqueued: 2, recorded: 3 });
    expect(enqueued.map((job) => job.submissionId).sort()).toEqual([missing, running].sort());
    expect(enqueued[0]!.files).toEqual({ 'server.py': 'eA==' });
    expect(store.submissions.get(running)?.status).toBe('queued');
    expect(store.submissions.get(completed)).toMatchObject({ status: 'done', report });
    expect(store.submissions.get(failed)).toMatchObject({ status: 'error', error: 'image missing' });
    expect(store.submissions.get(live)?.status).toBe('queued');
    expect(store.submissions.get(forgedResult)).toMatchObject({ status: 'error', report: null, error: expect.stringMatching(/total of 100 points is not the sum/) });
    expect(removed).toEqual([`sub-${completed}`]);
  });
});

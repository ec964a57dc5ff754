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

const report = verdictReport(getAssignment('echo-tcp-server')!, 'failed', 'no server.py', 0);
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
    recorder.handle('completed', { jobId: `sub-${id}.g1`, returnvalue: { ...report, score: 7 } });
    expect(store.submissions.get(id)).toMatchObject({ status: 'done', report: { score: 7 } });
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

describe('reconciling unfinished submissions', () => {
  it('enqueues what has no job, records what finished while away, leaves live jobs alone', async () => {
    const [missing, running, completed, failed, live] = [submit(), submit(), submit(), submit(), submit()];
    store.submissions.markRunning(running);
    const states: Record<string, JobLookup> = {
      [missing]: { state: 'missing' },
      [running]: { state: 'missing' },
      [completed]: { state: 'completed', result: report },
      [failed]: { state: 'failed', reason: 'image missing' },
      [live]: { state: 'live' },
    };
    const enqueued: GradingJobData[] = [];
    const removed: string[] = [];
    const queue = {
      lookup: async (id: string) => states[id]!,
      enqueue: async (job: GradingJobData) => void enqueued.push(parseGradingJob(job)),
      removeJob: async (jobId: string) => void removed.push(jobId),
    };
    const result = await reconcileSubmissions({ store, queue, assignments: builtinAssignments, log: () => {} });
    expect(result).toEqual({ enqueued: 2, recorded: 2 });
    expect(enqueued.map((job) => job.submissionId).sort()).toEqual([missing, running].sort());
    expect(enqueued[0]!.files).toEqual({ 'server.py': 'eA==' });
    expect(store.submissions.get(running)?.status).toBe('queued');
    expect(store.submissions.get(completed)).toMatchObject({ status: 'done', report });
    expect(store.submissions.get(failed)).toMatchObject({ status: 'error', error: 'image missing' });
    expect(store.submissions.get(live)?.status).toBe('queued');
    expect(removed).toEqual([`sub-${completed}`]);
  });
});

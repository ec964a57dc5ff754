import { UnrecoverableError, WaitingError } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { SockgradeError } from '../errors.js';
import type { GradingJobProgress } from '../jobs.js';
import { verdictReport, type GradingReport } from '../report.js';
import type { GradeOptions } from '../run-submission.js';
import { createGradeJobProcessor, type GradeJobDeps, type GradingJob } from './grade-job.js';

const assignment = getAssignment('echo-tcp-server')!;
const images = { peer: 'peer:1', student: 'student:1' };

function fakeJob(data: unknown = { submissionId: 'abc', assignment, files: { 'server.py': Buffer.from('print(1)').toString('base64') } }) {
  const progress: GradingJobProgress[] = [];
  const job = {
    id: 'sub-abc',
    data,
    attemptsMade: 0,
    updateProgress: vi.fn(async (value: unknown) => void progress.push(value as GradingJobProgress)),
    moveToWait: vi.fn(async () => 0),
  };
  return { job: job as unknown as GradingJob & typeof job, progress };
}

function deps(grade: (opts: GradeOptions) => Promise<GradingReport>, extra: Partial<GradeJobDeps> = {}): GradeJobDeps {
  return { docker: {} as never, images: async () => images, grade, shuttingDown: () => false, log: () => {}, ...extra };
}

describe('the grading job processor', () => {
  it('declares three parameters, so BullMQ hands it the cancellation signal', () => {
    expect(createGradeJobProcessor(deps(async () => verdictReport(assignment, 'failed', 'x', 0))).length).toBe(3);
  });

  it('grades the decoded files with the job signal and reports progress test by test', async () => {
    const { job, progress } = fakeJob();
    const signal = new AbortController().signal;
    let seen: GradeOptions | undefined;
    const report = verdictReport(assignment, 'failed', 'your server printed nothing', 3);
    const processor = createGradeJobProcessor(
      deps(async (opts) => {
        seen = opts;
        opts.progress?.onTestResult?.({ type: 'test-result', testId: 'short-ascii', status: 'passed', feedback: '', transcript: [], durationMs: 1 });
        opts.progress?.onTestResult?.({ type: 'test-result', testId: 'utf8-text', status: 'failed', feedback: '', transcript: [], durationMs: 1 });
        return report;
      }),
    );
    await expect(processor(job, 'token', signal)).resolves.toBe(report);
    expect(seen?.files).toEqual(new Map([['server.py', Buffer.from('print(1)')]]));
    expect(seen?.signal).toBe(signal);
    expect(seen?.images).toBe(images);
    expect(progress).toEqual([
      { testsDone: 1, testsTotal: 7, test: { id: 'short-ascii', status: 'passed' } },
      { testsDone: 2, testsTotal: 7, test: { id: 'utf8-text', status: 'failed' } },
    ]);
  });

  it('grades a C file handed in to an assignment that accepts C with the C runtime and its image (issue #14)', async () => {
    const { job } = fakeJob({ submissionId: 'abc', assignment, files: { 'server.c': Buffer.from('int main(){}').toString('base64') } });
    const asked: string[] = [];
    let seen: GradeOptions | undefined;
    const processor = createGradeJobProcessor(
      deps(
        async (opts) => {
          seen = opts;
          return verdictReport(opts.assignment, 'failed', 'x', 0);
        },
        { images: async (runtime) => (asked.push(runtime), images) },
      ),
    );
    await processor(job, 'token', undefined);
    expect(asked).toEqual(['c']);
    expect(seen?.assignment).toMatchObject({ entry: 'server.c', runtime: { id: 'c', image: 'c' } });
  });

  it('adds the time the job waited in the queue to the report’s timings (issue #11)', async () => {
    const { job } = fakeJob();
    const startedAt = new Date(Date.parse('2026-12-04T10:00:00.000Z'));
    const timings = { startedAt: startedAt.toISOString(), marks: { started: 0, podReady: 300 }, phases: [{ phase: 'podReady' as const, ms: 300, machineCpuMs: 420 }], tests: [] };
    const report = { ...verdictReport(assignment, 'failed', 'x', 3), timings };
    const graded = await createGradeJobProcessor(deps(async () => report))({ ...job, timestamp: startedAt.getTime() - 1500 }, 'token', undefined);
    expect(graded.timings?.marks).toEqual({ queued: -1500, started: 0, podReady: 300 });
    expect(graded.timings?.phases).toEqual([
      { phase: 'started', ms: 1500, machineCpuMs: null },
      { phase: 'podReady', ms: 300, machineCpuMs: 420 },
    ]);
  });

  it('fails a bad payload without retries', async () => {
    const { job } = fakeJob({ submissionId: 'abc', assignment, files: { '../x.py': 'eA==' } });
    const grade = vi.fn();
    await expect(createGradeJobProcessor(deps(grade))(job, 'token', undefined)).rejects.toThrow(UnrecoverableError);
    expect(grade).not.toHaveBeenCalled();
  });

  it('throws our own faults as they are, for BullMQ to retry with backoff', async () => {
    const { job } = fakeJob();
    const docker = new SockgradeError('DOCKER_UNREACHABLE', 'Cannot reach the Docker engine');
    const processor = createGradeJobProcessor(deps(async () => Promise.reject(docker)));
    const error = await processor(job, 'token', new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBe(docker);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
  });

  it('puts a run cancelled by worker shutdown back in the queue without using an attempt', async () => {
    const { job } = fakeJob();
    const cancel = new AbortController();
    const processor = createGradeJobProcessor(
      deps(
        async (opts) => {
          cancel.abort('shutting down');
          throw opts.signal?.reason;
        },
        { shuttingDown: () => true },
      ),
    );
    await expect(processor(job, 'token-1', cancel.signal)).rejects.toThrow(WaitingError);
    expect(job.moveToWait).toHaveBeenCalledWith('token-1');
  });

  it('fails a run cancelled on purpose (not by shutdown) for good', async () => {
    const { job } = fakeJob();
    const cancel = new AbortController();
    const processor = createGradeJobProcessor(
      deps(async () => {
        cancel.abort('teacher cancelled');
        throw new Error('aborted');
      }),
    );
    await expect(processor(job, 'token', cancel.signal)).rejects.toThrow(UnrecoverableError);
    expect(job.moveToWait).not.toHaveBeenCalled();
  });
});

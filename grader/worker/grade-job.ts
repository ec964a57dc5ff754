import type Dockerode from 'dockerode';
import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
import { decodeFiles, JobPayloadError, parseGradingJob, type GradingJobData, type GradingJobProgress } from '../jobs.js';
import { runtimeForFiles } from '../../checks/runtimes.js';
import type { GradingReport } from '../report.js';
import { withOutsideMark } from '../timings/index.js';
import type { GradeOptions } from '../run-submission.js';
import type { RunImages } from '../sandbox/run-images.js';
import type { WarmPodPool } from '../sandbox/warm-pod-pool.js';

/** The parts of a BullMQ job the processor uses: small, so tests pass a plain object. */
export type GradingJob = Pick<Job<unknown, GradingReport>, 'id' | 'data' | 'attemptsMade' | 'updateProgress' | 'moveToWait'> &
  Partial<Pick<Job<unknown, GradingReport>, 'timestamp'>>;

export type GradingProcessor = (job: GradingJob, token: string | undefined, signal: AbortSignal | undefined) => Promise<GradingReport>;

export interface GradeJobDeps {
  docker: Dockerode;
  /** `requireRunImages` for the job's runtime; throws `IMAGE_MISSING` (retried) when not built. */
  images(runtimeImage: string): Promise<RunImages>;
  /** `gradeSubmission`; a fake in tests. */
  grade(opts: GradeOptions): Promise<GradingReport>;
  pool?: WarmPodPool;
  /** True once the worker gave up waiting for running jobs and cancelled them. */
  shuttingDown(): boolean;
  log(line: string): void;
}

/**
 * The queue processor: one job, one grading run, the report as the job's result.
 *
 * - A bad payload can never succeed: `UnrecoverableError`, no retries.
 * - Our own faults (Docker down, image missing) are thrown as they are: BullMQ retries
 *   them with backoff (`GRADING_JOB_OPTIONS`).
 * - A student's failing program is a report, never an error (`gradeSubmission` promises that).
 * - Cancelled because the worker is shutting down: back to `wait` without using up an
 *   attempt (BullMQ's manual-retry pattern), so another worker grades it.
 *
 * The returned function declares all three parameters on purpose: BullMQ passes the
 * cancellation signal only to processors whose `length` is at least 3.
 */
export function createGradeJobProcessor(deps: GradeJobDeps): GradingProcessor {
  return async (job, token, signal) => {
    let data: GradingJobData;
    try {
      data = parseGradingJob(job.data, job.id);
    } catch (error) {
      if (error instanceof JobPayloadError) throw new UnrecoverableError(error.message);
      throw error;
    }
    const log = (line: string) => deps.log(`${job.id}: ${line}`);
    const files = decodeFiles(data.files);
    // The language is chosen by the entry file handed in, where the assignment accepts several (issue #14).
    const assignment = runtimeForFiles(data.assignment, files.keys());
    const images = await deps.images(assignment.runtime.image);
    const reporter = progressReporter(job, data.assignment.tests.length, log);
    try {
      const report = await deps.grade({
        docker: deps.docker,
        assignment,
        files,
        images,
        ...(signal ? { signal } : {}),
        ...(deps.pool ? { pool: deps.pool } : {}),
        progress: { onTestResult: (result) => reporter.testDone(result.testId, result.status) },
        log,
      });
      await reporter.flushed();
      // The run's timings begin when it started; how long the job waited is the queue's to say.
      if (report.timings && job.timestamp) return { ...report, timings: withOutsideMark(report.timings, 'queued', job.timestamp) };
      return report;
    } catch (error) {
      await reporter.flushed();
      if (signal?.aborted && deps.shuttingDown() && token) {
        log('cancelled by worker shutdown: back to the queue');
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (signal?.aborted) throw new UnrecoverableError(`The grading run was cancelled: ${String(signal.reason)}`);
      throw error;
    }
  };
}

/** Sends progress after each test, in order, never failing the run when Redis hiccups. */
function progressReporter(job: GradingJob, testsTotal: number, log: (line: string) => void) {
  let testsDone = 0;
  let chain: Promise<void> = Promise.resolve();
  return {
    testDone(id: string, status: string): void {
      testsDone++;
      const progress: GradingJobProgress = { testsDone, testsTotal, test: { id, status } };
      // The chain never rejects: each step catches its own failure.
      chain = chain.then(() => job.updateProgress(progress)).catch((error: unknown) => log(`progress not sent: ${String(error)}`));
    },
    flushed: () => chain,
  };
}

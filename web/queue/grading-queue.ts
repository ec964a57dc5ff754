import { Queue, type RedisOptions } from 'bullmq';
import { GRADING_JOB_OPTIONS, jobIdFor, parseGradingJob, type GradingJobData } from '../../grader/jobs.js';

const ENQUEUE_CHUNK = 100;

/** What the routes need of the queue: tests pass a fake. */
export interface GradingQueuePort {
  /** Idempotent: the job id is the submission's, so a second call adds nothing. */
  enqueue(job: GradingJobData): Promise<void>;
  /** Many at once (a whole assignment's regrade): one round trip per chunk. */
  enqueueMany?(jobs: GradingJobData[]): Promise<void>;
  /**
   * Takes a job that no worker holds out of the queue (its submission is being superseded).
   * True when no job of it is left to run (removed, or there was none); false when a worker
   * holds it or it finished: then the submission must not be superseded, it is graded.
   */
  discard?(submissionId: string, generation: number): Promise<boolean>;
}

/** Jobs in the grading queue by state: `/api/metrics` and `/healthz` show it. */
export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Where a submission's job stands in Redis. */
export type JobLookup =
  | { state: 'missing' }
  | { state: 'live' }
  | { state: 'completed'; result: unknown }
  | { state: 'failed'; reason: string };

/** The API's side of the grading queue: adds jobs and looks them up; never processes. */
export class GradingQueue implements GradingQueuePort {
  readonly queue: Queue;

  constructor(opts: { connection: RedisOptions; queueName: string }) {
    this.queue = new Queue(opts.queueName, { connection: opts.connection });
    // Without a listener an 'error' event would throw; the callers see failures through their own awaits.
    this.queue.on('error', () => {});
  }

  async enqueue(job: GradingJobData): Promise<void> {
    const data = parseGradingJob(job);
    await this.queue.add('grade', data, { jobId: jobIdFor(data.submissionId, data.generation), ...GRADING_JOB_OPTIONS });
  }

  async enqueueMany(jobs: GradingJobData[]): Promise<void> {
    // Chunks keep each Redis command (and the payloads it carries) a bounded size.
    for (let start = 0; start < jobs.length; start += ENQUEUE_CHUNK) {
      const chunk = jobs.slice(start, start + ENQUEUE_CHUNK).map((job) => parseGradingJob(job));
      await this.queue.addBulk(
        chunk.map((data) => ({ name: 'grade', data, opts: { jobId: jobIdFor(data.submissionId, data.generation), ...GRADING_JOB_OPTIONS } })),
      );
    }
  }

  async discard(submissionId: string, generation: number): Promise<boolean> {
    const job = await this.queue.getJob(jobIdFor(submissionId, generation));
    if (!job) return true;
    // `delayed`: waiting for a retry after our own fault; `prioritized`: waiting, counted apart.
    if (!['waiting', 'prioritized', 'delayed', 'waiting-children'].includes(await job.getState())) return false;
    try {
      // Refused by BullMQ when a worker took it meanwhile (it is locked).
      await job.remove();
      return true;
    } catch {
      return false;
    }
  }

  async lookup(submissionId: string, generation = 0): Promise<JobLookup> {
    const job = await this.queue.getJob(jobIdFor(submissionId, generation));
    if (!job) return { state: 'missing' };
    const state = await job.getState();
    if (state === 'completed') return { state, result: job.returnvalue };
    if (state === 'failed') return { state, reason: job.failedReason };
    return state === 'unknown' ? { state: 'missing' } : { state: 'live' };
  }

  /** Drops a finished job whose result is in the database: its files need not stay in Redis's memory. */
  async removeJob(jobId: string): Promise<void> {
    await this.queue.remove(jobId);
  }

  /**
   * Jobs waiting, being graded, waiting to retry, and failed for good (kept for a while,
   * see `removeOnFail`); also proves Redis answers. `prioritized` jobs wait too: BullMQ
   * counts them apart from `waiting`.
   */
  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

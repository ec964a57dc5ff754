import { Queue, type RedisOptions } from 'bullmq';
import { GRADING_JOB_OPTIONS, jobIdFor, parseGradingJob, type GradingJobData } from '../../grader/jobs.js';

/** What the routes need of the queue: tests pass a fake. */
export interface GradingQueuePort {
  /** Idempotent: the job id is the submission's, so a second call adds nothing. */
  enqueue(job: GradingJobData): Promise<void>;
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
    await this.queue.add('grade', data, { jobId: jobIdFor(data.submissionId), ...GRADING_JOB_OPTIONS });
  }

  async lookup(submissionId: string): Promise<JobLookup> {
    const job = await this.queue.getJob(jobIdFor(submissionId));
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

  /** Jobs waiting and being graded; also proves Redis answers. */
  async depth(): Promise<{ waiting: number; active: number; delayed: number }> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed');
    return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0 };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

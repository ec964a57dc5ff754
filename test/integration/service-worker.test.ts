import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { GRADING_JOB_OPTIONS, jobIdFor } from '../../grader/jobs.js';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { verdictReport } from '../../grader/report.js';
import type { GradeOptions } from '../../grader/run-submission.js';
import { GradingWorker } from '../../grader/worker/index.js';
import { distDir, dockerForTests, sockgradeLeftovers, testRedis } from './harness.js';

// The worker's queue behaviour against a real Redis, with the grading run itself faked:
// what matters here is what happens to jobs, not to containers.
const docker = await dockerForTests();
const assignment = getAssignment('echo-tcp-server')!;
let tmp: string;
let redis: { url: string; stop(): Promise<void> };
let queue: Queue;
let worker: GradingWorker | undefined;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-worker-'));
  redis = await testRedis(tmp);
});

afterEach(async () => {
  await worker?.close();
  await queue.obliterate({ force: true });
  await queue.close();
});

afterAll(async () => {
  await redis.stop();
  await rm(tmp, { recursive: true, force: true });
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

async function startWorker(queueName: string, grade: (opts: GradeOptions) => Promise<never>, shutdownGraceMs: number) {
  queue = new Queue(queueName, { connection: redisConnectionOptions(redis.url, 'producer') });
  worker = await GradingWorker.start({
    connection: redisConnectionOptions(redis.url, 'worker'),
    docker,
    distDir,
    queueName,
    concurrency: 1,
    shutdownGraceMs,
    grade,
  });
}

const job = (id: string) => ({ submissionId: id, assignment, files: { 'server.py': Buffer.from('print(1)\n').toString('base64') } });

describe('a grading worker', () => {
  it('on close past its grace time hands a running job back to the queue without using an attempt', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    await startWorker(
      `sockgrade-test-${randomBytes(4).toString('hex')}`,
      (opts) => {
        started();
        // A run that only ends when cancelled, as gradeSubmission does.
        return new Promise((_, reject) => opts.signal?.addEventListener('abort', () => reject(opts.signal?.reason), { once: true }));
      },
      300,
    );
    await queue.add('grade', job('slowOne'), { jobId: jobIdFor('slowOne'), ...GRADING_JOB_OPTIONS });
    await running;
    const before = Date.now();
    await worker!.close();
    expect(Date.now() - before).toBeLessThan(10_000);
    const back = (await queue.getJob(jobIdFor('slowOne')))!;
    expect(await back.getState()).toBe('waiting');
    expect(back.attemptsMade).toBe(0);
  });

  it('retries our own faults with backoff, and fails a bad payload at once', async () => {
    let calls = 0;
    await startWorker(
      `sockgrade-test-${randomBytes(4).toString('hex')}`,
      async () => {
        calls++;
        throw new Error('Cannot reach the Docker engine');
      },
      1_000,
    );
    await queue.add('grade', job('dockerDown'), { jobId: jobIdFor('dockerDown'), ...GRADING_JOB_OPTIONS, backoff: { type: 'fixed', delay: 10 } });
    await queue.add('grade', { ...job('broken'), files: { '../x.py': 'eA==' } }, { jobId: jobIdFor('broken'), ...GRADING_JOB_OPTIONS });
    await expect.poll(async () => (await queue.getJob(jobIdFor('dockerDown')))?.getState(), { timeout: 10_000 }).toBe('failed');
    await expect.poll(async () => (await queue.getJob(jobIdFor('broken')))?.getState(), { timeout: 10_000 }).toBe('failed');
    const retried = (await queue.getJob(jobIdFor('dockerDown')))!;
    expect(retried.attemptsMade).toBe(3);
    expect(retried.failedReason).toBe('Cannot reach the Docker engine');
    const broken = (await queue.getJob(jobIdFor('broken')))!;
    expect(broken.attemptsMade).toBe(1);
    expect(broken.failedReason).toMatch(/contains `\.\.`/);
    expect(calls).toBe(3);
  });

  it('returns the report as the job result', async () => {
    const report = verdictReport(assignment, 'failed', 'no answer', 1);
    await startWorker(`sockgrade-test-${randomBytes(4).toString('hex')}`, async () => report as never, 1_000);
    await queue.add('grade', job('quick'), { jobId: jobIdFor('quick'), ...GRADING_JOB_OPTIONS });
    await expect.poll(async () => (await queue.getJob(jobIdFor('quick')))?.getState(), { timeout: 10_000 }).toBe('completed');
    expect((await queue.getJob(jobIdFor('quick')))!.returnvalue).toEqual(report);
  });
});

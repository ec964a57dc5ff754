import { Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { GradingQueue } from '../../web/queue/grading-queue.js';
import { testRedis } from './harness.js';

// Superseding takes a job out of the queue only when no worker holds it (issue #12): real
// Redis (with its password), a real BullMQ worker taking a job by hand.
let tmp: string;
let redis: { url: string; stop(): Promise<void> };
let queue: GradingQueue;
let worker: Worker | undefined;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-discard-'));
  redis = await testRedis(join(tmp, 'redis'));
});
afterAll(async () => {
  await redis?.stop();
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  queue = new GradingQueue({ connection: redisConnectionOptions(redis.url, 'producer'), queueName: `discard-${randomBytes(4).toString('hex')}` });
});
afterEach(async () => {
  await worker?.close(true);
  worker = undefined;
  await queue.queue.obliterate({ force: true });
  await queue.close();
});

const job = (submissionId: string) => ({ submissionId, assignment: getAssignment('echo-tcp-server')!, files: { 'server.py': 'eA==' } });

it('removes a waiting or delayed job, reports a missing one as gone, and leaves one a worker holds', async () => {
  await queue.enqueue(job('waitingOne'));
  expect(await queue.discard('waitingOne', 0)).toBe(true);
  expect(await queue.lookup('waitingOne')).toEqual({ state: 'missing' });
  expect(await queue.discard('neverThere', 0)).toBe(true);

  // Where a job waits for its retry after our own fault.
  await queue.queue.add('grade', job('delayedOne'), { jobId: 'sub-delayedOne', delay: 60_000 });
  expect(await (await queue.queue.getJob('sub-delayedOne'))!.getState()).toBe('delayed');
  expect(await queue.discard('delayedOne', 0)).toBe(true);
  expect(await queue.lookup('delayedOne')).toEqual({ state: 'missing' });

  await queue.enqueue(job('heldOne'));
  worker = new Worker(queue.queue.name, null, { connection: redisConnectionOptions(redis.url, 'worker'), autorun: false });
  const taken = await worker.getNextJob('test-token');
  expect(taken?.id).toBe('sub-heldOne');
  expect(await queue.discard('heldOne', 0)).toBe(false);
  expect(await queue.lookup('heldOne')).toEqual({ state: 'live' });
});

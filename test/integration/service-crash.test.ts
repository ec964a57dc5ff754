import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRADING_QUEUE_NAME, jobIdFor } from '../../grader/jobs.js';
import { startService, type RunningService } from '../../web/service.js';
import { distDir, dockerForTests, sockgradeLeftovers } from './harness.js';
import { addStudent, expectedFixture, fixtureUpload, gradedAs, jobEventCounts, serviceApi, serviceConfigFrom, waitUntilFinished } from './service-api.js';
import { containersOf, removeOwnedBy, WorkerProcess } from './worker-process.js';

// Issue #3, "nothing lost, nothing graded twice": a `sockgrade worker` process killed with
// SIGKILL in the middle of a grading run. Real Redis (the service's private one, AOF on),
// real Docker, real SQLite, real HTTP; the workers are separate processes running dist/.
//
// BullMQ hands a dead worker's job on only after its lock expired (30 s by default) and
// a stalled check ran (every 30 s): the workers here shorten both through the
// environment, so the recovery takes seconds. Production keeps BullMQ's defaults.
const FAST_RECOVERY = { SOCKGRADE_LOCK_DURATION_MS: '4000', SOCKGRADE_STALLED_INTERVAL_MS: '1000' };

const docker = await dockerForTests();
const ADMIN = `sgk_test_${randomBytes(12).toString('hex')}`;
let tmp: string;
let service: RunningService | undefined;
let workers: WorkerProcess[] = [];
let serviceLog: string[] = [];

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-crash-'));
});

afterEach(async () => {
  // Runs when a test failed half-way too: no child, container, Redis or file outlives it.
  for (const worker of workers.splice(0)) {
    await worker.kill();
    await removeOwnedBy(docker, worker.owner);
  }
  await service?.close();
  service = undefined;
  await rm(tmp, { recursive: true, force: true });
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

async function startWorker(): Promise<WorkerProcess> {
  const worker = await WorkerProcess.start(service!.redisUrl, { concurrency: 1, env: FAST_RECOVERY });
  workers.push(worker);
  return worker;
}

describe('a worker process killed with SIGKILL mid-grade', () => {
  it('leaves a job that another worker grades exactly once, and containers the next worker sweeps', async () => {
    serviceLog = [];
    // `npm start`'s layout: private Redis with AOF under the data dir; no in-process worker.
    service = await startService(
      serviceConfigFrom({ SOCKGRADE_DATA_DIR: join(tmp, 'data'), SOCKGRADE_ADMIN_TOKEN: ADMIN, SOCKGRADE_WORKER_CONCURRENCY: '0' }),
      { distDir, log: (line) => serviceLog.push(line) },
    );
    const api = serviceApi(service.url);
    const [ada, bob] = [await addStudent(api, ADMIN, 'ada'), await addStudent(api, ADMIN, 'bob')];
    const first = await startWorker();

    // never-answers keeps a run busy for ~6 s (a 2 s reply timeout, then six of 250 ms, issue #11): window enough to kill in.
    const slow = await api('POST', '/api/submissions', ada, await fixtureUpload('echo-tcp-server', 'never-answers'));
    expect(slow).toMatchObject({ status: 202, body: { status: 'queued' } });
    await expect
      .poll(async () => (await containersOf(docker, first.owner, 'student')).length, { timeout: 30_000, interval: 100 })
      .toBe(1);
    await expect.poll(async () => (await api('GET', `/api/submissions/${slow.body.id}`, ada)).body.status, { timeout: 5_000 }).toBe('running');
    // A second submission waits behind it (the worker grades one at a time).
    const quick = await api('POST', '/api/submissions', bob, await fixtureUpload('echo-tcp-server', 'correct'));
    expect(quick).toMatchObject({ status: 202, body: { status: 'queued' } });

    await first.kill();
    const orphans = await containersOf(docker, first.owner);
    expect(orphans.map((c) => c.Labels['sockgrade.role'])).toContain('student');
    expect(first.lines.filter((line) => / graded: /.test(line))).toEqual([]);

    // The second worker sweeps the dead one's containers before it takes a job… (Or
    // another sockgrade process's reaper on this Docker host did first: any of them
    // sweeps every dead owner's, so which one is not asserted.)
    const second = await startWorker();
    expect(await sockgradeLeftovers(docker, first.owner)).toEqual([]);

    // …grades the waiting one, then the killed one once the stalled check handed it back.
    const [slowDone, quickDone] = await Promise.all([
      waitUntilFinished(api, slow.body.id, ada, 150_000),
      waitUntilFinished(api, quick.body.id, bob, 150_000),
    ]);
    expect(gradedAs(slowDone)).toEqual(await expectedFixture('echo-tcp-server/never-answers'));
    expect(gradedAs(quickDone)).toEqual(await expectedFixture('echo-tcp-server/correct'));
    expect(slowDone).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(quickDone).toMatchObject({ status: 'done', attempts: 1, error: null });

    // Exactly once, by the queue's own record rather than the database (whose guarded
    // updates would hide a second result): started twice, stalled once, completed once.
    const slowJob = jobIdFor(slow.body.id);
    expect(await jobEventCounts(service.redisUrl, GRADING_QUEUE_NAME, slowJob)).toMatchObject({ active: 2, stalled: 1, completed: 1 });
    expect(await jobEventCounts(service.redisUrl, GRADING_QUEUE_NAME, slowJob)).not.toHaveProperty('failed');
    expect(await jobEventCounts(service.redisUrl, GRADING_QUEUE_NAME, jobIdFor(quick.body.id))).toMatchObject({ active: 1, completed: 1 });
    const graded = second.lines.filter((line) => / graded: /.test(line)).map((line) => line.replace(/ in \d+ ms$/, ''));
    expect(graded.sort()).toEqual([`[worker] ${slowJob} graded: 0/100`, `[worker] ${jobIdFor(quick.body.id)} graded: 100/100`].sort());
    expect(serviceLog.filter((line) => /not recorded/.test(line))).toEqual([]);
    // Once recorded, the jobs leave Redis: nothing left to be picked up a second time.
    await expect
      .poll(() => service!.queue.queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed'))
      .toEqual({ completed: 0, failed: 0, waiting: 0, active: 0, delayed: 0 });

    // The survivor stops in order and takes its warm pod with it.
    expect(await second.stop()).toBe(0);
    expect(await sockgradeLeftovers(docker, second.owner)).toEqual([]);
    expect(await sockgradeLeftovers(docker, first.owner)).toEqual([]);
  });
});

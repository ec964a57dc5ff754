import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRADING_QUEUE_NAME, jobIdFor } from '../../grader/jobs.js';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { isProcessAlive } from '../../grader/sandbox/reaper.js';
import { GradingWorker } from '../../grader/worker/index.js';
import { PrivateRedis } from '../../web/redis/private-redis.js';
import { startService, type RunningService } from '../../web/service.js';
import { distDir, dockerForTests, sockgradeLeftovers } from './harness.js';
import { addStudent, expectedFixture, fixtureUpload, gradedAs, jobEventCounts, serviceApi, serviceConfigFrom, waitUntilFinished } from './service-api.js';

// Issue #3, "Redis restarted (AOF on): queued submissions still get graded". A service with
// no worker uses a redis-server of the test's own (AOF, `appendfsync everysec`), as with
// REDIS_URL; submissions wait in Redis; Redis goes down and comes back on the same port and
// data dir; then a worker starts. And the service's own private Redis, killed, is started
// again by the service itself. Real Redis, Docker, SQLite, HTTP.
const docker = await dockerForTests();
const ADMIN = `sgk_test_${randomBytes(12).toString('hex')}`;
let tmp: string;
let service: RunningService | undefined;
let external: PrivateRedis | undefined;
let restarted: PrivateRedis | undefined;
let worker: GradingWorker | undefined;
let serviceLog: string[];

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-redis-restart-'));
  serviceLog = [];
});

afterEach(async () => {
  // Also after a failure half-way: nothing started here outlives the test.
  await worker?.close();
  await service?.close();
  await restarted?.stop();
  await external?.stop();
  [worker, service, restarted, external] = [undefined, undefined, undefined, undefined];
  await rm(tmp, { recursive: true, force: true });
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

const CASES = ['correct', 'course', 'lowercase'] as const;

describe.each([
  // SIGTERM: Redis writes the AOF out and exits.
  { signal: 'SIGTERM' as const, settleMs: 0 },
  // SIGKILL: no shutdown at all. A killed process loses nothing it already wrote; the
  // `everysec` fsync only bounds what a power cut loses. Waiting past one fsync second
  // makes the test about the AOF replay, not about that window.
  { signal: 'SIGKILL' as const, settleMs: 1_500 },
])('Redis stopped with $signal and started again', ({ signal, settleMs }) => {
  it('loses no submission, and the service reconnects by itself', async () => {
    const dataDir = join(tmp, 'data');
    const redisDir = join(tmp, 'redis');
    external = await PrivateRedis.start({ dir: redisDir });
    service = await startService(
      serviceConfigFrom({
        SOCKGRADE_DATA_DIR: dataDir,
        REDIS_URL: external.url,
        SOCKGRADE_ADMIN_TOKEN: ADMIN,
        SOCKGRADE_WORKER_CONCURRENCY: '0',
        // Short, so a submission stored while Redis was down is enqueued within the test.
        SOCKGRADE_RECONCILE_MS: '1000',
      }),
      { distDir, log: (line) => serviceLog.push(line) },
    );
    const api = serviceApi(service.url);
    expect((await api('GET', '/healthz', undefined)).status).toBe(200);

    // Three students submit; nothing grades them yet.
    const submitted: { id: string; token: string; fixture: string }[] = [];
    for (const [i, fixture] of CASES.entries()) {
      const token = await addStudent(api, ADMIN, `student${i}`);
      const { status, body } = await api('POST', '/api/submissions', token, await fixtureUpload('echo-tcp-server', fixture));
      expect({ status, state: body.status }).toEqual({ status: 202, state: 'queued' });
      submitted.push({ id: body.id, token, fixture });
    }
    const enqueuedAt = new Map<string, number>();
    for (const { id } of submitted) {
      const job = await service.queue.queue.getJob(jobIdFor(id));
      expect(await job?.getState()).toBe('waiting');
      enqueuedAt.set(id, job!.timestamp);
    }

    // Redis goes down.
    await new Promise((r) => setTimeout(r, settleMs));
    const port = external.port;
    const pid = external.pid!;
    process.kill(pid, signal);
    await expect.poll(() => isProcessAlive(pid), { timeout: 15_000 }).toBe(false);
    const down = await api('GET', '/healthz', undefined);
    expect(down).toMatchObject({ status: 503, body: { status: 'unhealthy', checks: { db: { ok: true }, redis: { ok: false } } } });

    // A student submits while it is down: stored (202), enqueued later by the reconciler.
    const lateToken = await addStudent(api, ADMIN, 'late');
    const late = await api('POST', '/api/submissions', lateToken, await fixtureUpload('echo-tcp-server', 'one-client-then-exit'));
    expect(late).toMatchObject({ status: 202, body: { status: 'queued' } });
    expect(serviceLog.some((line) => line.startsWith(`submission ${late.body.id} stored but not enqueued yet`))).toBe(true);

    // Back on the same port and data dir: the service's connections find it by themselves.
    restarted = await PrivateRedis.start({ dir: redisDir, port });
    await expect.poll(async () => (await api('GET', '/healthz', undefined)).status, { timeout: 30_000, interval: 250 }).toBe(200);
    // The waiting jobs came back from the AOF: the same jobs, enqueued before the stop
    // (the reconciler re-enqueues only what is missing, and would stamp a new time).
    for (const { id } of submitted) {
      const job = await service.queue.queue.getJob(jobIdFor(id));
      expect({ state: await job?.getState(), timestamp: job?.timestamp }).toEqual({ state: 'waiting', timestamp: enqueuedAt.get(id) });
    }
    await expect.poll(async () => (await service!.queue.queue.getJob(jobIdFor(late.body.id)))?.id, { timeout: 10_000 }).toBe(jobIdFor(late.body.id));

    // Now a worker: everything is graded, each exactly once, with the fixture's exact score.
    worker = await GradingWorker.start({
      connection: redisConnectionOptions(service.redisUrl, 'worker'),
      docker,
      distDir,
      queueName: GRADING_QUEUE_NAME,
      concurrency: 2,
      shutdownGraceMs: 10_000,
    });
    const all = [...submitted, { id: late.body.id as string, token: lateToken, fixture: 'one-client-then-exit' }];
    const finished = await Promise.all(all.map(({ id, token }) => waitUntilFinished(api, id, token, 90_000)));
    for (const [i, { id, fixture }] of all.entries()) {
      expect({ fixture, graded: gradedAs(finished[i]) }).toEqual({ fixture, graded: await expectedFixture(`echo-tcp-server/${fixture}`) });
      expect(finished[i]).toMatchObject({ status: 'done', attempts: 1, error: null });
      expect(await jobEventCounts(service.redisUrl, GRADING_QUEUE_NAME, jobIdFor(id))).toMatchObject({ active: 1, completed: 1 });
    }
    // Only the submission made during the outage needed the reconciler.
    expect(serviceLog.filter((line) => / had no job: enqueued$/.test(line))).toEqual([`submission ${late.body.id} had no job: enqueued`]);
    await expect
      .poll(() => service!.queue.queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed'))
      .toEqual({ completed: 0, failed: 0, waiting: 0, active: 0, delayed: 0 });
  });
});

describe('a service with its private Redis and in-process worker, when that Redis is killed', () => {
  it('starts it again on the same port by itself and grades on, without being restarted', async () => {
    const dataDir = join(tmp, 'data');
    service = await startService(
      serviceConfigFrom({ SOCKGRADE_DATA_DIR: dataDir, SOCKGRADE_ADMIN_TOKEN: ADMIN, SOCKGRADE_WORKER_CONCURRENCY: '1' }),
      { distDir, log: (line) => serviceLog.push(line) },
    );
    const api = serviceApi(service.url);
    const pidFile = join(dataDir, 'redis', 'redis.pid');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => isProcessAlive(pid), { timeout: 15_000 }).toBe(false);

    // The service's supervisor starts a new redis-server on the same port (the URL every
    // connection holds); health comes back without anyone touching the service.
    await expect.poll(async () => (await api('GET', '/healthz', undefined)).status, { timeout: 30_000, interval: 250 }).toBe(200);
    const newPid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(newPid).not.toBe(pid);
    expect(isProcessAlive(newPid)).toBe(true);
    expect(serviceLog.filter((line) => line.includes(`private redis-server (pid ${pid}) exited: starting it again on port ${new URL(service.redisUrl).port}`))).toHaveLength(1);
    // The worker's blocking connection was cut too; it must take this job without help.
    const token = await addStudent(api, ADMIN, 'after');
    const { body } = await api('POST', '/api/submissions', token, await fixtureUpload('echo-tcp-server', 'correct'));
    const done = await waitUntilFinished(api, body.id, token, 60_000);
    expect(gradedAs(done)).toEqual(await expectedFixture('echo-tcp-server/correct'));
    expect(done).toMatchObject({ status: 'done', attempts: 1 });
    expect(serviceLog.filter((line) => / had no job: enqueued$/.test(line))).toEqual([]);

    // An orderly stop is not a crash: the server stays stopped.
    await service.close();
    service = undefined;
    await expect.poll(() => isProcessAlive(newPid), { timeout: 15_000 }).toBe(false);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(serviceLog.filter((line) => line.includes('starting it again'))).toHaveLength(1);
  });
});

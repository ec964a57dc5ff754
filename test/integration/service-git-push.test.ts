import { Queue } from 'bullmq';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport } from '../../grader/cli/format-report.js';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { GradingWorker } from '../../grader/worker/index.js';
import { startService, type RunningService } from '../../web/service.js';
import { commitFiles, git, initWorkTree, remoteLines, remoteUrl } from './git-client.js';
import { distDir, dockerForTests, fixturesDir, sockgradeLeftovers, testRedis } from './harness.js';
import { expectedFixture, gradedAs, serviceApi, serviceConfigFrom, waitUntilFinished } from './service-api.js';

// Issue #10: `git push` to the running service (real Redis, Docker, SQLite, git over HTTP)
// grades the pushed files, and the push's own output is the grading, ending with the table
// `sockgrade grade` prints and the exact fixture score.
const docker = await dockerForTests();
const ADMIN = `sgk_test_${randomBytes(12).toString('hex')}`;
let tmp: string;
let redis: { url: string; stop(): Promise<void> };
const queues: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-git-push-'));
  redis = await testRedis(join(tmp, 'redis'));
});

afterAll(async () => {
  for (const name of queues) {
    const queue = new Queue(name, { connection: redisConnectionOptions(redis.url, 'producer') });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await redis?.stop();
  await rm(tmp, { recursive: true, force: true });
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

async function start(workerConcurrency: number): Promise<{ service: RunningService; queueName: string }> {
  const queueName = `sockgrade-test-${randomBytes(4).toString('hex')}`;
  queues.push(queueName);
  const env = {
    SOCKGRADE_DATA_DIR: join(tmp, `data-${queueName}`),
    REDIS_URL: redis.url,
    SOCKGRADE_ADMIN_TOKEN: ADMIN,
    SOCKGRADE_WORKER_CONCURRENCY: String(workerConcurrency),
    SOCKGRADE_QUEUE: queueName,
    SOCKGRADE_SHUTDOWN_GRACE_MS: '10000',
  };
  const service = await startService(serviceConfigFrom(env), { distDir });
  return { service, queueName };
}

const fixture = (name: string) => readFile(resolve(fixturesDir, 'echo-tcp-server', name, 'server.py'));

describe('git push to the service', () => {
  it('grades each push and shows the table and the exact score in the push output; an unchanged push grades nothing', async () => {
    const { service } = await start(2);
    try {
      const api = serviceApi(service.url);
      const token = (await api('POST', '/api/users', ADMIN, { name: 'ada' })).body.token as string;
      const url = remoteUrl(service.url, 'ada', token, 'echo-tcp-server');
      const work = await mkdtemp(join(tmp, 'work-'));
      await initWorkTree(work);

      await commitFiles(work, { 'hw1/server.py': await fixture('correct'), 'hw1/README.md': 'my echo server\n' });
      const first = await git(work, ['push', url, 'main']);
      expect(first.code).toBe(0);
      const correct = await expectedFixture('echo-tcp-server/correct');
      const [firstId] = /Submission (\S+):/.exec(first.stderr)!.slice(1);
      const firstView = (await api('GET', `/api/submissions/${firstId}`, token)).body;
      expect(firstView).toMatchObject({ status: 'done', score: correct.score, maxScore: correct.maxScore });
      const lines = remoteLines(first.stderr);
      // Each test as it finished, then the very table of `sockgrade grade`, the score and the link.
      expect(lines.filter((line) => /^ {2}\[\d+\/7\] /.test(line))).toHaveLength(7);
      // git pads and we trim `remote:` lines at their end: compare the table the same way.
      const table = formatReport(firstView.report).trimEnd().split('\n').map((line) => line.trimEnd());
      expect(table[0]).toMatch(/^echo-tcp-server: 100\/100 points/);
      const at = lines.indexOf(table[0]!);
      expect(lines.slice(at, at + table.length)).toEqual(table);
      expect(lines.slice(-2)).toEqual([`Score: ${correct.score}/${correct.maxScore}`, `Report: ${service.url}/submissions/${firstId}`]);

      await commitFiles(work, { 'hw1/server.py': await fixture('lowercase') }, 'second');
      const second = await git(work, ['push', url, 'main']);
      expect(second.code).toBe(0);
      const lowercase = await expectedFixture('echo-tcp-server/lowercase');
      expect(remoteLines(second.stderr)).toContain(`Score: ${lowercase.score}/${lowercase.maxScore}`);
      expect(remoteLines(second.stderr).find((line) => line.startsWith('echo-tcp-server: '))).toMatch(new RegExp(`^echo-tcp-server: ${lowercase.score}/${lowercase.maxScore} points`));

      await commitFiles(work, {}, 'nothing');
      const unchanged = await git(work, ['push', url, 'main']);
      expect(unchanged.code).toBe(0);
      expect(remoteLines(unchanged.stderr)[0]).toMatch(/^Nothing changed in your files since submission \S+: not graded\.$/);
      expect((await api('GET', '/api/submissions', token)).body.submissions).toHaveLength(2);
    } finally {
      await service.close();
    }
  });

  it('two quick pushes: the first is superseded while it waits, the second is graded', async () => {
    // No worker in the service: both wait in the queue, as behind a busy class.
    const { service, queueName } = await start(0);
    let worker: GradingWorker | undefined;
    try {
      const api = serviceApi(service.url);
      const token = (await api('POST', '/api/users', ADMIN, { name: 'bea' })).body.token as string;
      const url = remoteUrl(service.url, 'bea', token, 'echo-tcp-server');
      const work = await mkdtemp(join(tmp, 'work-'));
      await initWorkTree(work);
      await commitFiles(work, { 'server.py': await fixture('lowercase') });
      const first = git(work, ['push', url, 'main']);
      for (let i = 0; (await api('GET', '/api/submissions', token)).body.submissions.length === 0; i++) {
        if (i > 300) throw new Error('the first push was not handed in');
        await new Promise((r) => setTimeout(r, 100));
      }
      await commitFiles(work, { 'server.py': await fixture('correct') }, 'fixed');
      const second = git(work, ['push', url, 'main']);
      const firstDone = await first;
      expect(firstDone.code).toBe(0);
      const [newer, older] = (await api('GET', '/api/submissions', token)).body.submissions;
      expect(older).toMatchObject({ status: 'superseded' });
      expect(remoteLines(firstDone.stderr).at(-1)).toBe(`Superseded by your newer submission ${newer.id} before it was graded: that push shows its grading.`);

      worker = await GradingWorker.start({ connection: redisConnectionOptions(redis.url, 'worker'), docker, distDir, queueName, concurrency: 1, shutdownGraceMs: 10_000 });
      const secondDone = await second;
      expect(secondDone.code).toBe(0);
      const correct = await expectedFixture('echo-tcp-server/correct');
      expect(remoteLines(secondDone.stderr)).toContain(`Score: ${correct.score}/${correct.maxScore}`);
      expect((await api('GET', `/api/submissions/${newer.id}`, token)).body).toMatchObject({ status: 'done', score: correct.score });
    } finally {
      await worker?.close();
      await service.close();
    }
  });

  it('a signed push webhook from a registered repository is fetched and graded to the exact fixture score', async () => {
    const { service } = await start(2);
    try {
      const api = serviceApi(service.url);
      const token = (await api('POST', '/api/users', ADMIN, { name: 'cy' })).body.token as string;
      const hosted = await mkdtemp(join(tmp, 'hosted-'));
      await git(hosted, ['init', '--bare', '--quiet', '--initial-branch=main']);
      const repository = pathToFileURL(hosted).toString();
      const secret = 'a-secret-for-cy-s-repository';
      expect((await api('POST', '/api/hooks', ADMIN, { repository, user: 'cy', assignment: 'echo-tcp-server', secret })).status).toBe(201);
      const work = await mkdtemp(join(tmp, 'work-'));
      await initWorkTree(work);
      await commitFiles(work, { 'server.py': await fixture('course') });
      expect((await git(work, ['push', '--quiet', hosted, 'main'])).code).toBe(0);
      const after = (await git(work, ['rev-parse', 'HEAD'])).stdout.trim();
      const body = JSON.stringify({ ref: 'refs/heads/main', after, repository: { clone_url: repository } });
      const response = await fetch(`${service.url}/api/hooks/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'push',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        },
        body,
      });
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      const finished = await waitUntilFinished(api, id, token, 120_000);
      expect(gradedAs(finished)).toEqual(await expectedFixture('echo-tcp-server/course'));
    } finally {
      await service.close();
    }
  });
});

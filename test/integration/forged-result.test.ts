import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { verdictReport } from '../../grader/report.js';
import { startService, type RunningService } from '../../web/service.js';
import { distDir } from './harness.js';
import { addStudent, serviceApi, serviceConfigFrom } from './service-api.js';

// Issue #12: a `completed` event written into Redis by someone other than a worker. The
// service as `npm start` runs it (private Redis, real SQLite, real HTTP), no worker: the
// only result that can arrive is the forged one.
const ADMIN = `sgk_test_${randomBytes(12).toString('hex')}`;
let tmp: string;
let service: RunningService | undefined;
let redis: Redis | undefined;

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-forged-'));
});

afterEach(async () => {
  redis?.disconnect();
  await service?.close();
  [redis, service] = [undefined, undefined];
  await rm(tmp, { recursive: true, force: true });
});

it('refuses a forged completion written into Redis: the submission ends as error, never with the forged score', async () => {
  service = await startService(
    serviceConfigFrom({ SOCKGRADE_DATA_DIR: join(tmp, 'data'), SOCKGRADE_ADMIN_TOKEN: ADMIN, SOCKGRADE_WORKER_CONCURRENCY: '0', SOCKGRADE_QUEUE: 'forged-test' }),
    { distDir },
  );
  const api = serviceApi(service.url);
  const ada = await addStudent(api, ADMIN, 'ada');
  const submitted = await api('POST', '/api/submissions', ada, { assignment: 'echo-tcp-server', files: { 'server.py': Buffer.from('print(1)\n').toString('base64') } });
  expect(submitted.status).toBe(202);
  const id = submitted.body.id as string;

  // A forged report: every test passed with 1000 points, against the assignment's 100.
  const forged = verdictReport(getAssignment('echo-tcp-server')!, 'passed', 'well done', 1);
  for (const test of forged.tests) test.score = 1000 / forged.tests.length;
  forged.score = 1000;
  const { port } = new URL(service.redisUrl);

  // Without the password, any local user is turned away before writing anything.
  const refused = await rawCommand(Number(port), ['XADD', 'bull:forged-test:events', '*', 'event', 'completed', 'jobId', `sub-${id}`, 'returnvalue', JSON.stringify(forged)]);
  expect(refused).toMatch(/^-NOAUTH /);

  // With it (a shared Redis others can write to): the event arrives and is checked.
  redis = new Redis(redisConnectionOptions(service.redisUrl, 'worker'));
  await redis.xadd('bull:forged-test:events', '*', 'event', 'completed', 'jobId', `sub-${id}`, 'returnvalue', JSON.stringify(forged), 'prev', 'active');
  await expect.poll(async () => (await api('GET', `/api/submissions/${id}`, ADMIN)).body.status, { timeout: 15_000, interval: 100 }).toBe('error');
  const seen = (await api('GET', `/api/submissions/${id}`, ADMIN)).body;
  expect(seen.error).toMatch(/^The grading result was refused and not recorded: test `short-ascii` has 142\.85\d* of 15 points\./);
  expect(seen.score ?? null).toBeNull();
  expect(service.store.submissions.get(id)?.report).toBeNull();
});

/** One command in RESP over a plain socket, as any local program could send it; the first reply line. */
function rawCommand(port: number, args: string[]): Promise<string> {
  const resp = `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(resp));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no reply within 5000 ms')));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('utf8').split('\r\n')[0]!);
    });
    socket.once('error', reject);
  });
}

import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { loadServiceConfig, type ServiceConfig } from '../../web/config.js';
import { startService, type RunningService } from '../../web/service.js';
import { distDir, testRedis } from './harness.js';

// The service as `npm start` runs it (real Redis, SQLite and HTTP; no worker, so no
// Docker), restarted on one data dir with SOCKGRADE_ADMIN_TOKEN changed (issue #12).
let tmp: string;
let redis: { url: string; stop(): Promise<void> };
const queueName = `sockgrade-test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-service-tokens-'));
  redis = await testRedis(join(tmp, 'redis'));
});

afterAll(async () => {
  const queue = new Queue(queueName, { connection: redisConnectionOptions(redis.url, 'producer') });
  await queue.obliterate({ force: true });
  await queue.close();
  await redis?.stop();
  await rm(tmp, { recursive: true, force: true });
});

function config(adminToken: string | undefined): ServiceConfig {
  return { ...loadServiceConfig({}, tmp), port: 0, dataDir: join(tmp, 'data'), redisUrl: redis.url, adminToken, workerConcurrency: 0, queueName };
}

async function withService<T>(adminToken: string | undefined, run: (url: string, log: string[], service: RunningService) => Promise<T>): Promise<T> {
  const log: string[] = [];
  const service = await startService(config(adminToken), { distDir, log: (line) => log.push(line) });
  try {
    return await run(service.url, log, service);
  } finally {
    await service.close();
  }
}

const status = async (url: string, token: string) => {
  const response = await fetch(`${url}/api/assignments`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, message: response.ok ? '' : ((await response.json()) as { error: { message: string } }).error.message };
};

describe('rotating SOCKGRADE_ADMIN_TOKEN (issue #12)', () => {
  it('revokes the earlier value at the next start, and refuses to bring it back', async () => {
    const first = `sgk_test_${randomBytes(12).toString('hex')}`;
    const second = `sgk_test_${randomBytes(12).toString('hex')}`;
    await withService(first, async (url) => expect((await status(url, first)).status).toBe(200));
    await withService(second, async (url, log) => {
      expect(log).toContain('SOCKGRADE_ADMIN_TOKEN changed: its earlier value no longer works');
      expect(await status(url, second)).toEqual({ status: 200, message: '' });
      expect(await status(url, first)).toEqual({ status: 401, message: expect.stringMatching(/^This API token was revoked on \d{4}-\d\d-\d\d/) });
    });
    await expect(withService(first, async () => undefined)).rejects.toThrow(/SOCKGRADE_ADMIN_TOKEN is a value that was revoked/);
    // Unset: the admin value stops working, and the teacher token is made (new at this start only).
    const printed = await withService(undefined, async (url, log, service) => {
      expect(log).toContain('SOCKGRADE_ADMIN_TOKEN is unset: its earlier value no longer works');
      expect((await status(url, second)).status).toBe(401);
      expect(service.teacherToken).toMatchObject({ created: true });
      expect((await status(url, service.teacherToken!.token)).status).toBe(200);
      return service.teacherToken!.token;
    });
    await withService(undefined, async (_url, log, service) => {
      expect(service.teacherToken).toEqual({ token: printed, file: join(tmp, 'data', 'teacher-token'), created: false });
      expect(log.join('\n')).not.toContain(printed);
    });
  });
});

import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isProcessAlive } from '../../grader/sandbox/reaper.js';
import { SupervisedRedis } from '../../web/redis/supervised-redis.js';

// The service's private redis-server under supervision: real redis-server processes,
// killed for real, on real loopback ports.
let tmp: string;
let redis: SupervisedRedis | undefined;
let squatter: Server | undefined;
let client: Redis | undefined;

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-supervised-redis-'));
});

afterEach(async () => {
  client?.disconnect();
  await redis?.stop();
  await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
  [client, redis, squatter] = [undefined, undefined, undefined];
  await rm(tmp, { recursive: true, force: true });
});

it('starts a killed server again on the same port, with its data, retrying while the port is taken', async () => {
  const log: string[] = [];
  redis = await SupervisedRedis.start({ dir: tmp, restartDelaysMs: [200, 400], log: (line) => log.push(line) });
  const port = Number(new URL(redis.url).port);
  client = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  client.on('error', () => {}); // refused while Redis is down: expected here
  await client.set('submission', 'kept');
  // Past one `appendfsync everysec` second: the write is in the AOF on disk.
  await new Promise((r) => setTimeout(r, 1_500));

  const first = redis.pid!;
  process.kill(first, 'SIGKILL');
  await expect.poll(() => isProcessAlive(first)).toBe(false);
  // Someone grabs the port before the restart: attempts fail and are retried. (It drops
  // every connection at once, so our client keeps retrying instead of waiting on it.)
  squatter = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => squatter!.once('error', reject).listen(port, '127.0.0.1', resolve));
  await expect.poll(() => log.some((line) => line.startsWith('could not start redis-server again')), { timeout: 10_000 }).toBe(true);
  await new Promise((resolve) => squatter!.close(resolve));
  squatter = undefined;

  await expect.poll(() => client!.get('submission').catch(() => null), { timeout: 15_000, interval: 200 }).toBe('kept');
  expect(redis.pid).not.toBe(first);
  expect(redis.url).toBe(`redis://127.0.0.1:${port}`);
  expect(log.filter((line) => line.includes('exited'))).toEqual([`private redis-server (pid ${first}) exited: starting it again on port ${port} in 200 ms`]);
  // The delays grow, and the last one repeats.
  expect(log.filter((line) => /in 400 ms$/.test(line)).length).toBeGreaterThanOrEqual(1);
  expect(log.filter((line) => /in 200 ms$/.test(line))).toHaveLength(1);

  // An orderly stop is final.
  const second = redis.pid!;
  await redis.stop();
  expect(isProcessAlive(second)).toBe(false);
  const restarts = log.filter((line) => line.includes('starting it again')).length;
  await new Promise((r) => setTimeout(r, 600));
  expect(log.filter((line) => line.includes('starting it again'))).toHaveLength(restarts);
});

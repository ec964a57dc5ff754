import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
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
  expect(redis.url).toBe(`redis://:${(await readFile(join(tmp, 'password'), 'utf8')).trim()}@127.0.0.1:${port}`);
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

it('asks for a password kept 0600 in its dir, never on its command line, and keeps it across restarts (issue #12)', async () => {
  redis = await SupervisedRedis.start({ dir: tmp, restartDelaysMs: [500] });
  const { port, password } = new URL(redis.url);
  expect(password).toMatch(/^[0-9a-f]{64}$/);
  expect((await readFile(join(tmp, 'password'), 'utf8')).trim()).toBe(password);
  for (const file of ['password', 'redis.conf']) expect((await stat(join(tmp, file))).mode & 0o777).toBe(0o600);
  expect((await stat(tmp)).mode & 0o777).toBe(0o700);
  // Everyone may read /proc/<pid>/cmdline: the password must not be there.
  const cmdline = await readFile(`/proc/${redis.pid}/cmdline`, 'utf8');
  expect(cmdline).toContain('redis-server');
  expect(cmdline).not.toContain(password);

  // What any local user (the sandbox's uid included) gets without it: NOAUTH for everything.
  expect(await rawCommands(Number(port), ['PING', 'KEYS *', 'AUTH guessed', 'PING'])).toEqual([
    expect.stringMatching(/^-NOAUTH /),
    expect.stringMatching(/^-NOAUTH /),
    expect.stringMatching(/^-WRONGPASS /),
    expect.stringMatching(/^-NOAUTH /),
  ]);
  client = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  client.on('error', () => {});
  expect(await client.ping()).toBe('PONG');
  // Only loopback: the server's own view of what it listens on.
  expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
  // `REDIS_URL` with a user and a password (a shared Redis with ACLs): the queue works through it.
  await client.call('ACL', 'SETUSER', 'grader', 'on', '>s3cret/pw', '~*', '&*', '+@all');
  const queue = new Queue('acl-test', { connection: redisConnectionOptions(`redis://grader:${encodeURIComponent('s3cret/pw')}@127.0.0.1:${port}`, 'producer') });
  await queue.add('grade', { x: 1 }, { jobId: 'sub-acl' });
  expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  await queue.obliterate({ force: true });
  await queue.close();

  // Killed and started again by the supervisor: same port, same password, the client's URL still works.
  const first = redis.pid!;
  process.kill(first, 'SIGKILL');
  // Even with its file gone meanwhile, the restart keeps the password the clients hold.
  await rm(join(tmp, 'password'));
  await expect.poll(() => redis!.pid !== first && isProcessAlive(redis!.pid!), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => client!.ping().catch(() => null), { timeout: 10_000, interval: 100 }).toBe('PONG');
  expect(new URL(redis.url).password).toBe(password);
});

it('makes a new password when the old file could be read by others', async () => {
  redis = await SupervisedRedis.start({ dir: tmp });
  const old = new URL(redis.url).password;
  await redis.stop();
  const { chmod } = await import('node:fs/promises');
  await chmod(join(tmp, 'password'), 0o644);
  redis = await SupervisedRedis.start({ dir: tmp });
  expect(new URL(redis.url).password).not.toBe(old);
  expect((await stat(join(tmp, 'password'))).mode & 0o777).toBe(0o600);
});

/** Inline commands over a plain socket, as any local program could send them; the reply lines. */
function rawCommands(port: number, commands: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('no reply within 5000 ms')));
    socket.on('connect', () => socket.write(commands.map((command) => `${command}\r\n`).join('')));
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      const lines = text.split('\r\n').filter(Boolean);
      if (lines.length >= commands.length) {
        socket.destroy();
        resolve(lines);
      }
    });
    socket.on('error', reject);
  });
}

it('starts in a data dir whose path has spaces, quotes, a backslash and a newline (its redis.conf quotes them)', async () => {
  const dir = join(tmp, 'my "data" \\ dir\nnext');
  redis = await SupervisedRedis.start({ dir });
  client = new Redis(redis.url, { maxRetriesPerRequest: null });
  expect(await client.ping()).toBe('PONG');
  expect(await client.config('GET', 'dir')).toEqual(['dir', dir]);
});

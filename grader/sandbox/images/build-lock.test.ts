import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withBuildLock } from './build-lock.js';

/** Temp folders made by this file's tests, removed after each test. */
const made: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const quiet = { log: () => {}, pollMs: 10 };

describe('withBuildLock', () => {
  it('runs two holders of one name one after the other, and removes the lock', async () => {
    const dir = await tempDir('sockgrade-lock-');
    const events: string[] = [];
    const job = (id: string) => withBuildLock(dir, 'sockgrade-peer:abc', async () => {
      events.push(`${id} start`);
      await sleep(30);
      events.push(`${id} end`);
      return id;
    }, quiet);
    await expect(Promise.all([job('a'), job('b')])).resolves.toEqual(['a', 'b']);
    // Either may win the race for the lock; what matters is that they never overlap.
    const first = events[0]!.split(' ')[0]!;
    const second = first === 'a' ? 'b' : 'a';
    expect(events).toEqual([`${first} start`, `${first} end`, `${second} start`, `${second} end`]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('releases the lock when the work fails', async () => {
    const dir = await tempDir('sockgrade-lock-');
    await expect(withBuildLock(dir, 'x', () => Promise.reject(new Error('boom')), quiet)).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = await tempDir('sockgrade-lock-');
    await writeFile(join(dir, 'x.lock'), '999999\n');
    await expect(withBuildLock(dir, 'x', async () => 'ran', { ...quiet, isAlive: () => false })).resolves.toBe('ran');
  });

  it('waits for a live holder, logs once, and stops waiting with the abort reason', async () => {
    const dir = await tempDir('sockgrade-lock-');
    await writeFile(join(dir, 'x.lock'), '4242\n');
    const lines: string[] = [];
    const reason = new Error('stop');
    const signal = AbortSignal.timeout(100);
    const waiting = withBuildLock(dir, 'x', async () => 'ran', { pollMs: 10, log: (l) => lines.push(l), isAlive: () => true, signal });
    await expect(waiting).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(lines).toEqual(['waiting for another build of x (pid 4242) to finish…']);
    const aborted = AbortSignal.abort(reason);
    await expect(withBuildLock(dir, 'x', async () => 'ran', { ...quiet, signal: aborted })).rejects.toBe(reason);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('lets one live service hold a data dir, and frees it on release', async () => {
    const release = await lockDataDir(dir);
    // The test runner's parent is alive: it stands for another running service.
    await expect(lockDataDir(dir, process.ppid)).rejects.toThrow(DataDirInUseError);
    await release();
    const again = await lockDataDir(dir, process.ppid);
    await again();
  });

  it('takes over the lock of a service that died', async () => {
    await writeFile(join(dir, 'service.pid'), '999999999\n');
    const release = await lockDataDir(dir);
    expect((await readFile(join(dir, 'service.pid'), 'utf8')).trim()).toBe(String(process.pid));
    await release();
  });
});

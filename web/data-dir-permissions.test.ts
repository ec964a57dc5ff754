import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirPermissionsError, ensurePrivateDataDir, restrictModes } from './data-dir-permissions.js';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-perms-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('ensurePrivateDataDir (issue #12)', () => {
  it('makes a missing data dir 0700', async () => {
    const dir = join(tmp, 'new', 'data');
    await ensurePrivateDataDir(dir);
    expect(await mode(dir)).toBe(0o700);
    // An existing private one is taken as it is.
    await ensurePrivateDataDir(dir);
  });

  it.each([
    [0o755, 'its group and every user', '0755'],
    [0o750, 'its group', '0750'],
    [0o701, 'every user', '0701'],
  ])('refuses an existing data dir of mode %o, saying how to fix it', async (bits, who, shown) => {
    const dir = join(tmp, 'data');
    await mkdir(dir);
    await chmod(dir, bits);
    const refusal = ensurePrivateDataDir(dir);
    await expect(refusal).rejects.toBeInstanceOf(DataDirPermissionsError);
    await expect(refusal).rejects.toThrow(`The data dir ${dir} is open to ${who} of this machine (mode ${shown}), but it holds every submission, password hash and session: run \`chmod 700 ${dir}\` and start again.`);
    expect(await mode(dir)).toBe(bits);
  });

  it('refuses a file where the data dir should be', async () => {
    await writeFile(join(tmp, 'data'), '');
    await expect(ensurePrivateDataDir(join(tmp, 'data'))).rejects.toThrow(/is not a directory/);
  });
});

describe('restrictModes', () => {
  it('makes files 0600 and folders 0700, recursively on request, skipping what is missing', async () => {
    await writeFile(join(tmp, 'sockgrade.db'), '', { mode: 0o644 });
    await mkdir(join(tmp, 'redis', 'appendonlydir'), { recursive: true, mode: 0o755 });
    await writeFile(join(tmp, 'redis', 'appendonlydir', 'x.aof'), '', { mode: 0o644 });
    await restrictModes(tmp, ['sockgrade.db', 'sockgrade.db-wal', 'redis'], { recursive: true });
    expect(await mode(join(tmp, 'sockgrade.db'))).toBe(0o600);
    expect(await mode(join(tmp, 'redis'))).toBe(0o700);
    expect(await mode(join(tmp, 'redis', 'appendonlydir'))).toBe(0o700);
    expect(await mode(join(tmp, 'redis', 'appendonlydir', 'x.aof'))).toBe(0o600);
  });
});

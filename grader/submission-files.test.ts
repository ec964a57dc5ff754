import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSubmissionDir } from './submission-files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-sub-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readSubmissionDir', () => {
  it('reads nested files with / paths and skips caches', async () => {
    await writeFile(join(dir, 'server.py'), 'print(1)\n');
    await mkdir(join(dir, 'lib'));
    await writeFile(join(dir, 'lib', 'kodierung.py'), 'x = 1\n');
    await mkdir(join(dir, '__pycache__'));
    await writeFile(join(dir, '__pycache__', 'server.cpython-311.pyc'), 'junk');
    const files = await readSubmissionDir(dir);
    expect(files instanceof Map ? [...files.keys()].sort() : files).toEqual(['lib/kodierung.py', 'server.py']);
  });

  it('refuses a symbolic link with a sentence naming it', async () => {
    await symlink('/etc/passwd', join(dir, 'server.py'));
    expect(await readSubmissionDir(dir)).toEqual({ problem: '`server.py` is a symbolic link; submit the file itself.' });
  });

  it('refuses too many files and too many bytes', async () => {
    for (let i = 0; i < 4; i++) await writeFile(join(dir, `f${i}.py`), 'x'.repeat(10));
    expect(await readSubmissionDir(dir, { maxFiles: 3, maxTotalBytes: 1000 })).toEqual({
      problem: 'Your submission has more than 3 files.',
    });
    expect(await readSubmissionDir(dir, { maxFiles: 10, maxTotalBytes: 25 })).toEqual({
      problem: 'Your submission is larger than 25 bytes; submit only your source files.',
    });
  });
});

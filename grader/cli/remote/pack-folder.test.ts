import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArchive } from '../../../web/upload/read-archive.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../../web/upload/submission-upload.js';
import { packFolder } from './pack-folder.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-pack-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(entries: Record<string, string>) {
  for (const [name, text] of Object.entries(entries)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

describe('packing a folder for `sockgrade submit`', () => {
  it('packs the work as a .tar.gz the service unpacks to the same files, leaving out version control, caches and environments', async () => {
    await files({
      'server.py': 'print("hi")\n',
      'lib/kodierung.py': 'x = "ä"\n',
      '.git/config': '[core]',
      '__pycache__/server.cpython-311.pyc': 'junk',
      'lib/helper.pyc': 'junk',
      '.venv/bin/python': 'big',
      'node_modules/x/index.js': 'x',
      '.vscode/settings.json': '{}',
    });
    const packed = await packFolder(dir);
    if ('problem' in packed) throw new Error(packed.problem);
    expect(packed.files).toEqual(['lib/kodierung.py', 'server.py']);
    expect(packed.archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const unpacked = await readArchive(packed.archive, DEFAULT_UPLOAD_LIMITS);
    expect(Object.fromEntries([...unpacked].map(([name, content]) => [name, content.toString('utf8')]))).toEqual({
      'server.py': 'print("hi")\n',
      'lib/kodierung.py': 'x = "ä"\n',
    });
  });

  it('says what is wrong instead of packing: a symlink, too many bytes, nothing to submit', async () => {
    await symlink('/etc/passwd', join(dir, 'server.py'));
    expect(await packFolder(dir)).toEqual({ problem: '`server.py` is a symbolic link; submit the file itself.' });
    await rm(join(dir, 'server.py'));
    await files({ 'big.txt': 'x'.repeat(2000) });
    expect(await packFolder(dir, { maxFiles: 10, maxTotalBytes: 1000 })).toEqual({ problem: 'Your submission is larger than 1000 bytes; submit only your source files.' });
    await rm(join(dir, 'big.txt'));
    await files({ '.git/HEAD': 'ref' });
    expect(await packFolder(dir)).toEqual({ problem: `There are no files to submit in ${dir}.` });
  });
});

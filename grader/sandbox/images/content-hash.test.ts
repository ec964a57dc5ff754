import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentHash, readTree, SHORT_HASH_LENGTH } from './content-hash.js';

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

describe('contentHash', () => {
  it('is 12 hex digits and ignores the order of the parts', () => {
    const a = contentHash([{ name: 'a', content: '1' }, { name: 'b', content: Buffer.from('2') }]);
    const b = contentHash([{ name: 'b', content: '2' }, { name: 'a', content: '1' }]);
    expect(a).toMatch(new RegExp(`^[0-9a-f]{${SHORT_HASH_LENGTH}}$`));
    expect(a).toBe(b);
  });

  it('changes when a byte moves between name and content or between parts', () => {
    const base = contentHash([{ name: 'ab', content: 'c' }]);
    expect(contentHash([{ name: 'a', content: 'bc' }])).not.toBe(base);
    expect(contentHash([{ name: 'x', content: 'ab' }, { name: 'y', content: '' }])).not.toBe(
      contentHash([{ name: 'x', content: 'a' }, { name: 'y', content: 'b' }]),
    );
  });
});

describe('readTree', () => {
  it('lists files recursively as prefixed posix paths, sorted', async () => {
    const dir = await tempDir('sockgrade-tree-');
    await mkdir(join(dir, 'peer'));
    await writeFile(join(dir, 'types.js'), 'T');
    await writeFile(join(dir, 'peer', 'main.js'), 'M');
    const parts = await readTree(dir, 'checks/');
    expect(parts.map((p) => [p.name, p.content.toString()])).toEqual([
      ['checks/peer/main.js', 'M'],
      ['checks/types.js', 'T'],
    ]);
  });

  it('refuses symlinks', async () => {
    const dir = await tempDir('sockgrade-tree-');
    await symlink('/etc/passwd', join(dir, 'link'));
    await expect(readTree(dir)).rejects.toThrow(/neither a file nor a folder/);
  });
});

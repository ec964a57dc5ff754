import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneRootfs } from './prune-rootfs.js';

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

async function tree(files: Record<string, string>): Promise<string> {
  const root = await tempDir('sockgrade-prune-');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('pruneRootfs', () => {
  it('empties a folder but keeps files named in keep, removing folders left empty', async () => {
    const root = await tree({
      'usr/share/doc/python3/copyright': 'C',
      'usr/share/doc/python3/changelog.gz': 'x',
      'usr/share/doc/apt/examples/a': 'x',
      'usr/share/man/man1/ls.1.gz': 'x',
    });
    await symlink('python3', join(root, 'usr/share/doc/libpython3'));
    await pruneRootfs(root, { prune: [{ dir: '/usr/share/doc', keep: ['copyright'] }, { dir: '/usr/share/man', keep: [] }], truncate: [] });
    expect(await readdir(join(root, 'usr/share/doc'))).toEqual(['python3']);
    expect(await readdir(join(root, 'usr/share/doc/python3'))).toEqual(['copyright']);
    expect(await readdir(join(root, 'usr/share/man'))).toEqual([]);
  });

  it('empties truncate files and skips paths that do not exist', async () => {
    const root = await tree({ 'etc/hostname': 'buildhost\n' });
    await pruneRootfs(root, { prune: [{ dir: '/var/cache/apt', keep: [] }], truncate: ['/etc/hostname', '/etc/resolv.conf'] });
    expect(await readFile(join(root, 'etc/hostname'), 'utf8')).toBe('');
  });

  it('refuses a path through a symlink, which would point into the host', async () => {
    const outside = await tree({ 'keep-me': 'precious' });
    const root = await tree({ 'etc/hostname': '' });
    await symlink(outside, join(root, 'var'));
    await expect(pruneRootfs(root, { prune: [{ dir: '/var/log', keep: [] }], truncate: [] })).rejects.toThrow(/symlink/);
    await expect(pruneRootfs(root, { prune: [{ dir: '/var', keep: [] }], truncate: [] })).rejects.toThrow(/symlink/);
    expect(await readFile(join(outside, 'keep-me'), 'utf8')).toBe('precious');
  });

  it('removes a symlink inside a pruned folder as a link, without following it', async () => {
    const outside = await tree({ 'keep-me': 'precious' });
    const root = await tree({ 'var/log/dpkg.log': 'x' });
    await symlink(outside, join(root, 'var/log/link'));
    await pruneRootfs(root, { prune: [{ dir: '/var/log', keep: [] }], truncate: [] });
    expect(await readdir(join(root, 'var/log'))).toEqual([]);
    expect((await lstat(join(outside, 'keep-me'))).isFile()).toBe(true);
  });
});

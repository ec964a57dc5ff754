import { lstat, readdir, rm, rmdir, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { DebootstrapRecipe } from './debootstrap-recipe.js';

/**
 * `rootfs + path`, refusing any symlink on the way: seen from outside the chroot, an
 * absolute link such as `/var/run -> /run` points into the host, and we delete there.
 * Returns undefined when the path does not exist.
 */
export async function pathInRootfs(rootfs: string, path: string): Promise<string | undefined> {
  let current = rootfs;
  for (const part of path.split('/').filter(Boolean)) {
    current = join(current, part);
    const stat = await lstat(current).catch(() => undefined);
    if (!stat) return undefined;
    if (stat.isSymbolicLink()) throw new Error(`${path} goes through a symlink inside the rootfs (${current})`);
  }
  return current;
}

/**
 * Slims a fresh rootfs as the recipe says: empties the `prune` folders (keeping files
 * named in `keep`, e.g. the copyright files) and empties the `truncate` files.
 */
export async function pruneRootfs(rootfs: string, recipe: Pick<DebootstrapRecipe, 'prune' | 'truncate'>): Promise<void> {
  for (const rule of recipe.prune) {
    const dir = await pathInRootfs(rootfs, rule.dir);
    if (dir) await emptyDir(dir, new Set(rule.keep));
  }
  for (const path of recipe.truncate) {
    const file = await pathInRootfs(rootfs, path);
    if (file && (await lstat(file)).isFile()) await truncate(file, 0);
  }
}

/** Removes everything in `dir` but files whose name is in `keep`; folders left empty go too. */
async function emptyDir(dir: string, keep: ReadonlySet<string>): Promise<boolean> {
  let empty = true;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && keep.size > 0) {
      if (await emptyDir(path, keep)) await rmdir(path);
      else empty = false;
    } else if (entry.isFile() && keep.has(entry.name)) {
      empty = false;
    } else {
      // A symlink is removed as a link: rm does not follow it.
      await rm(path, { recursive: true, force: true });
    }
  }
  return empty;
}

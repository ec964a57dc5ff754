import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this module with a `package.json`. Works
 * from the sources (`grader/sandbox/images/`) and from the build (`dist/grader/...`),
 * since `dist/` has no `package.json` of its own.
 */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

/** `docker/`: the image recipes. */
export function defaultRecipesDir(): string {
  return join(projectRoot(), 'docker');
}

/** `.cache/`: debootstrap's package cache and the build locks (git-ignored). */
export function defaultCacheDir(): string {
  return join(projectRoot(), '.cache');
}

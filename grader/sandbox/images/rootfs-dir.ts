import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnGroup } from './group-process.js';

/** Prefix of our temporary rootfs folders, so a leftover one is recognisable. */
export const ROOTFS_PREFIX = 'sockgrade-rootfs-';

/**
 * Mount points at or below `dir`, deepest first, from `/proc/self/mountinfo` text
 * (proc(5): the fifth field is the mount point, with space, tab, newline and backslash
 * written as octal escapes).
 */
export function mountsUnder(mountinfo: string, dir: string): string[] {
  const points: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4];
    if (field === undefined) continue;
    const point = field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
    if (point === dir || point.startsWith(`${dir}/`)) points.push(point);
  }
  return points.sort((a, b) => b.length - a.length);
}

/**
 * Runs `fn` with a fresh empty folder for a rootfs and always removes it afterwards, on
 * success, failure or abort. debootstrap mounts /proc and /sys (and on some hosts /dev)
 * inside the target and only unmounts them when it exits cleanly: a recursive delete
 * through a still-mounted /sys or a bind-mounted /dev would reach the host's. So mounts
 * are detached first, and the folder is left in place (with a log line) if any remain.
 */
export async function withTempRootfs<T>(
  fn: (dir: string) => Promise<T>,
  opts: { tmpDir?: string | undefined; log: (line: string) => void },
): Promise<T> {
  const dir = await realpath(await mkdtemp(join(opts.tmpDir ?? tmpdir(), ROOTFS_PREFIX)));
  try {
    return await fn(join(dir, 'rootfs'));
  } finally {
    // Never let a failed clean-up hide the error (or abort) that got us here.
    await removeRootfs(dir, opts.log).catch((error: Error) => opts.log(`could not remove ${dir}: ${error.message}`));
  }
}

async function removeRootfs(dir: string, log: (line: string) => void): Promise<void> {
  const mounted = mountsUnder(await readFile('/proc/self/mountinfo', 'utf8'), dir);
  for (const point of mounted) {
    // Lazy (-l): detaches at once even if a straggler still has a file open there.
    await spawnGroup('umount', ['-l', point], { stdout: 'ignore' }).exited.catch(() => undefined);
  }
  if (mounted.length > 0) log(`unmounted what debootstrap left mounted: ${mounted.join(', ')}`);
  const left = mountsUnder(await readFile('/proc/self/mountinfo', 'utf8'), dir);
  if (left.length > 0) {
    log(`left ${dir} in place: still mounted there: ${left.join(', ')} (unmount them, then delete it)`);
    return;
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

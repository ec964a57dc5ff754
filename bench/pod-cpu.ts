import { readdirSync, readFileSync, rmdirSync } from 'node:fs';

/**
 * CPU a cgroup's processes used so far, core-ms, descendants included: Docker creates each
 * container of a pod under `--cgroup-parent`, and cgroup v1's cpuacct (like v2's cpu.stat)
 * charges every ancestor at once, so the parent keeps the figure after the containers
 * are gone. Null where the hierarchy is not there (no container ran yet, another layout).
 */
export function cgroupCpuMs(parent: string): number | null {
  try {
    return Number(readFileSync(`/sys/fs/cgroup/cpuacct/${parent}/cpuacct.usage`, 'utf8').trim()) / 1e6;
  } catch {
    try {
      const stat = readFileSync(`/sys/fs/cgroup/${parent}/cpu.stat`, 'utf8');
      return Number(/^usage_usec (\d+)$/m.exec(stat)?.[1] ?? NaN) / 1e3;
    } catch {
      return null;
    }
  }
}

/** Removes the (empty) cgroup directories Docker made for `parent`; best effort. */
export function removeCgroup(parent: string): void {
  let controllers: string[] = [];
  try {
    controllers = readdirSync('/sys/fs/cgroup');
  } catch {
    return;
  }
  for (const dir of [`/sys/fs/cgroup/${parent}`, ...controllers.map((c) => `/sys/fs/cgroup/${c}/${parent}`)]) {
    try {
      rmdirSync(dir);
    } catch {
      // Not there, or not empty yet.
    }
  }
}

const DAEMONS = new Set(['dockerd', 'containerd']);

/**
 * CPU of dockerd and containerd, core-ms, with their reaped children (`cutime`, `cstime`:
 * the runc calls): the Docker machinery a pod costs outside its own cgroup. Shared by
 * everyone using Docker on the machine, so only a bench on a quiet machine reads it as the
 * pods' own.
 */
export function dockerDaemonsCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!DAEMONS.has(stat.slice(stat.indexOf('(') + 1, close))) continue;
      const fields = stat.slice(close + 2).split(' ');
      // Fields 14–17 of proc(5) (utime stime cutime cstime); here index 11–14 after "state".
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks * 10;
}

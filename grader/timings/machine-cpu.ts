import { readFileSync } from 'node:fs';

/**
 * `/proc/stat` counts in USER_HZ, which the kernel fixes at 100 for user space on every
 * Linux architecture (`sysconf(_SC_CLK_TCK)`), whatever its own tick rate.
 */
const MS_PER_TICK = 10;

/** Busy and total core-milliseconds of the whole machine since boot (idle and iowait are not busy). */
export interface MachineCpu {
  busyMs: number;
  totalMs: number;
}

/**
 * The first line of `/proc/stat`: every process on the machine, dockerd, containerd and
 * the shims included, which is what a grading really costs. Null where there is no
 * `/proc/stat` (not Linux). `read` is injectable for tests.
 */
export function readMachineCpu(read: () => string = () => readFileSync('/proc/stat', 'utf8')): MachineCpu | null {
  try {
    const fields = read().split('\n', 1)[0]!.trim().split(/\s+/);
    if (fields[0] !== 'cpu') return null;
    // user nice system idle iowait irq softirq steal; guest time is already inside user.
    const ticks = fields.slice(1, 9).map(Number);
    if (ticks.length < 5 || ticks.some((n) => !Number.isFinite(n))) return null;
    const total = ticks.reduce((a, b) => a + b, 0);
    return { busyMs: (total - ticks[3]! - ticks[4]!) * MS_PER_TICK, totalMs: total * MS_PER_TICK };
  } catch {
    return null;
  }
}

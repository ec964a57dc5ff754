import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** How busy the machine's cores were over a stretch of time, and how much of that was this process. */
export interface CpuUse {
  /** Busy core-seconds / available core-seconds, 0..1; null where `/proc/stat` is missing. */
  machineBusy: number | null;
  /** This process's CPU (the service, its worker and the bench's client) in core-seconds. */
  ownSeconds: number;
  elapsedSeconds: number;
}

/**
 * Starts measuring; call the answer to stop. Other work on the machine (other test runs)
 * slows the service down: the figure says how much of the machine the bench really had.
 */
export function startCpuMeter(): () => CpuUse {
  const machine = readMachineTicks();
  const own = process.cpuUsage();
  const started = performance.now();
  return () => {
    const now = readMachineTicks();
    const { user, system } = process.cpuUsage(own);
    const busy = machine && now ? (now.busy - machine.busy) / (now.total - machine.total) : null;
    return { machineBusy: busy, ownSeconds: (user + system) / 1e6, elapsedSeconds: (performance.now() - started) / 1000 };
  };
}

/** The first line of `/proc/stat`: jiffies of all cores; idle and iowait count as not busy. */
function readMachineTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - fields[3]! - fields[4]!, total };
  } catch {
    return null;
  }
}

/** "machine 96% busy (2 cores), this process 0.71 cores"; `own: false` leaves the process out (its children do the work). */
export function describeCpu(use: CpuUse, opts: { own: boolean } = { own: true }): string {
  const machine = use.machineBusy === null ? 'machine load unknown' : `machine ${(use.machineBusy * 100).toFixed(0)}% busy (${cpus().length} cores)`;
  return opts.own ? `${machine}, this process ${(use.ownSeconds / use.elapsedSeconds).toFixed(2)} cores` : machine;
}

import { cpus } from 'node:os';
import { readMachineCpu } from '../../grader/timings/index.js';

/** How busy the machine's cores were over a stretch of time, and how much of that was this process. */
export interface CpuUse {
  /** Busy core-seconds / available core-seconds, 0..1; null where `/proc/stat` is missing. */
  machineBusy: number | null;
  /** Busy core-seconds of the whole machine (dockerd, containerd, shims, pods, the service): null where unknown. */
  machineSeconds: number | null;
  /** This process's CPU (the service, its worker and the bench's client) in core-seconds. */
  ownSeconds: number;
  elapsedSeconds: number;
}

/**
 * Starts measuring; call the answer to stop. Other work on the machine (other test runs)
 * slows the service down: the figure says how much of the machine the bench really had.
 */
export function startCpuMeter(): () => CpuUse {
  const machine = readMachineCpu();
  const own = process.cpuUsage();
  const started = performance.now();
  return () => {
    const now = readMachineCpu();
    const { user, system } = process.cpuUsage(own);
    const busy = machine && now ? (now.busyMs - machine.busyMs) / (now.totalMs - machine.totalMs) : null;
    return {
      machineBusy: busy,
      machineSeconds: machine && now ? (now.busyMs - machine.busyMs) / 1000 : null,
      ownSeconds: (user + system) / 1e6,
      elapsedSeconds: (performance.now() - started) / 1000,
    };
  };
}

/** "machine 96% busy (2 cores), this process 0.71 cores"; `own: false` leaves the process out (its children do the work). */
export function describeCpu(use: CpuUse, opts: { own: boolean } = { own: true }): string {
  const machine = use.machineBusy === null ? 'machine load unknown' : `machine ${(use.machineBusy * 100).toFixed(0)}% busy (${cpus().length} cores)`;
  return opts.own ? `${machine}, this process ${(use.ownSeconds / use.elapsedSeconds).toFixed(2)} cores` : machine;
}

/** "1.23 CPU-s of the whole machine per grading" (/proc/stat over the stretch ÷ gradings). */
export function cpuPerGrading(use: CpuUse, gradings: number): string {
  if (use.machineSeconds === null || gradings === 0) return 'CPU per grading unknown';
  return `${(use.machineSeconds / gradings).toFixed(2)} CPU-s of the whole machine per grading (/proc/stat busy time ÷ ${gradings}; dockerd, containerd and anything else running meanwhile included)`;
}

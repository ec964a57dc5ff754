import { TIMING_MARKS, type TimingMark } from '../../grader/timings/index.js';
import { summarize, type Summary } from './percentiles.js';

/** One phase of a grading (`GradingTimings.phases`) over many gradings. */
export interface PhaseSummary {
  ms: Summary;
  /** The whole machine's busy CPU during the phase, core-ms; gradings running at once each count it. */
  machineCpuMs: Summary;
}

/**
 * p50/p95/max per phase over the stored reports' `timings.phases`, in the order of the
 * marks. Rows that do not have the shape (a report stored before timings existed, or
 * forged) are skipped entry by entry, never trusted.
 */
export function summarizePhases(rows: readonly unknown[]): Partial<Record<TimingMark, PhaseSummary>> {
  const ms = new Map<TimingMark, number[]>();
  const cpu = new Map<TimingMark, number[]>();
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (const entry of row as unknown[]) {
      const phase = entry as { phase?: unknown; ms?: unknown; machineCpuMs?: unknown } | null;
      if (!phase || !TIMING_MARKS.includes(phase.phase as TimingMark) || typeof phase.ms !== 'number' || !Number.isFinite(phase.ms)) continue;
      const name = phase.phase as TimingMark;
      ms.set(name, [...(ms.get(name) ?? []), phase.ms]);
      if (typeof phase.machineCpuMs === 'number' && Number.isFinite(phase.machineCpuMs)) cpu.set(name, [...(cpu.get(name) ?? []), phase.machineCpuMs]);
    }
  }
  const result: Partial<Record<TimingMark, PhaseSummary>> = {};
  for (const mark of TIMING_MARKS) {
    const values = ms.get(mark);
    if (values) result[mark] = { ms: summarize(values), machineCpuMs: summarize(cpu.get(mark) ?? []) };
  }
  return result;
}

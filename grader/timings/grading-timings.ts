/**
 * The moments of one grading, in order. `queued` and `recorded` are added by the queue's
 * worker and the service; the rest by the run itself. A mark a run never reaches (a client
 * assignment has no `portFound`, a submission without its entry file no pod) is left out.
 */
export const TIMING_MARKS = ['queued', 'started', 'podReady', 'studentStarted', 'portFound', 'testsDone', 'teardownDone', 'recorded'] as const;
export type TimingMark = (typeof TIMING_MARKS)[number];

/** From the mark before (the latest one reached) to this one. */
export interface PhaseTiming {
  /** Named after the mark that ends it: `podReady` is the time from `started` to a pod ready. */
  phase: TimingMark;
  ms: number;
  /**
   * Busy CPU of the whole machine meanwhile, core-milliseconds (`/proc/stat`): includes
   * dockerd, containerd and every other grading at the same time. Null where unknown
   * (outside the run: `queued`, `recorded`).
   */
  machineCpuMs: number | null;
}

/** `timings` of a report: where one grading's time (and the machine's CPU) went. */
export interface GradingTimings {
  /** When the run began (ISO 8601); every other figure is relative to it. */
  startedAt: string;
  /** Milliseconds since `startedAt` of each mark reached; `queued` is negative. */
  marks: Partial<Record<TimingMark, number>>;
  phases: PhaseTiming[];
  /** Each test as the grader saw it: `test-started` to its result, ms since `startedAt`. */
  tests: { id: string; startMs: number; endMs: number }[];
}

/**
 * Adds a mark taken outside the run (the job's enqueue time, the moment the service stored
 * the result) to a report's timings, as an absolute time in ms since the epoch. Returns
 * new timings; the phases are recomputed, the machine's CPU of the new phase is unknown.
 */
export function withOutsideMark(timings: GradingTimings, mark: 'queued' | 'recorded', atMs: number): GradingTimings {
  const started = Date.parse(timings.startedAt);
  if (!Number.isFinite(started)) return timings;
  const marks = { ...timings.marks, [mark]: Math.round(atMs - started) };
  return { ...timings, marks, phases: phasesOf(marks, new Map(timings.phases.map((p) => [p.phase, p.machineCpuMs]))) };
}

/** The marks reached, by time (ties in the order of {@link TIMING_MARKS}). */
export function orderedMarks(marks: Partial<Record<TimingMark, number>>): [TimingMark, number][] {
  return TIMING_MARKS.flatMap((mark): [TimingMark, number][] => (marks[mark] === undefined ? [] : [[mark, marks[mark]]])).sort((a, b) => a[1] - b[1]);
}

/** The phases between consecutive marks reached, each with the CPU measured for it (if any). */
export function phasesOf(marks: Partial<Record<TimingMark, number>>, cpuByMark: ReadonlyMap<TimingMark, number | null>): PhaseTiming[] {
  const ordered = orderedMarks(marks);
  return ordered.slice(1).map(([mark, at], i) => ({ phase: mark, ms: at - ordered[i]![1], machineCpuMs: cpuByMark.get(mark) ?? null }));
}

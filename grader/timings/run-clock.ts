import { orderedMarks, phasesOf, type GradingTimings, type TimingMark } from './grading-timings.js';
import { readMachineCpu, type MachineCpu } from './machine-cpu.js';

/**
 * Takes one grading run's marks as they happen: the time and the machine's busy CPU at
 * each (one small read of `/proc/stat`), and each test's start and end. The first call of
 * a mark counts; later ones (a second client run's start) are ignored.
 */
export class RunClock {
  private readonly startedAtMs: number;
  private readonly marks = new Map<TimingMark, { at: number; cpu: MachineCpu | null }>();
  private readonly tests = new Map<string, { startMs: number; endMs: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly readCpu: () => MachineCpu | null = readMachineCpu,
  ) {
    this.startedAtMs = now();
    this.marks.set('started', { at: this.startedAtMs, cpu: readCpu() });
  }

  mark(name: TimingMark): void {
    if (!this.marks.has(name)) this.marks.set(name, { at: this.now(), cpu: this.readCpu() });
  }

  has(name: TimingMark): boolean {
    return this.marks.has(name);
  }

  testStarted(id: string): void {
    const at = this.now() - this.startedAtMs;
    if (!this.tests.has(id)) this.tests.set(id, { startMs: at, endMs: at });
  }

  testEnded(id: string): void {
    const test = this.tests.get(id);
    if (test) test.endMs = this.now() - this.startedAtMs;
  }

  timings(): GradingTimings {
    const marks: GradingTimings['marks'] = {};
    for (const [name, { at }] of this.marks) marks[name] = at - this.startedAtMs;
    const cpuByMark = new Map<TimingMark, number | null>();
    let previousCpu: MachineCpu | null | undefined;
    for (const [name] of orderedMarks(marks)) {
      const cpu = this.marks.get(name)!.cpu;
      cpuByMark.set(name, previousCpu && cpu ? cpu.busyMs - previousCpu.busyMs : null);
      previousCpu = cpu;
    }
    return {
      startedAt: new Date(this.startedAtMs).toISOString(),
      marks,
      phases: phasesOf(marks, cpuByMark),
      tests: [...this.tests].map(([id, t]) => ({ id, ...t })),
    };
  }
}

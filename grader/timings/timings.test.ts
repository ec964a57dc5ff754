import { describe, expect, it } from 'vitest';
import { withOutsideMark } from './grading-timings.js';
import { readMachineCpu } from './machine-cpu.js';
import { RunClock } from './run-clock.js';

describe('readMachineCpu', () => {
  it('counts every field but idle and iowait as busy, in ms (USER_HZ 100)', () => {
    const stat = 'cpu  100 5 50 1000 20 3 2 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n';
    expect(readMachineCpu(() => stat)).toEqual({ busyMs: (100 + 5 + 50 + 3 + 2) * 10, totalMs: 1180 * 10 });
  });

  it('is null for what is not /proc/stat', () => {
    expect(readMachineCpu(() => 'intr 1 2 3')).toBeNull();
    expect(readMachineCpu(() => {
      throw new Error('ENOENT');
    })).toBeNull();
  });

  it('reads the real /proc/stat as growing figures', () => {
    const first = readMachineCpu();
    expect(first).not.toBeNull();
    expect(first!.totalMs).toBeGreaterThanOrEqual(first!.busyMs);
  });
});

describe('RunClock', () => {
  function fakeClock() {
    let now = 1_000_000;
    let busy = 0;
    const clock = new RunClock(
      () => now,
      () => ({ busyMs: busy, totalMs: busy * 2 }),
    );
    return { clock, advance: (ms: number, cpuMs: number) => ((now += ms), (busy += cpuMs)) };
  }

  it('keeps each mark once, with the phase before it and the machine CPU meanwhile', () => {
    const { clock, advance } = fakeClock();
    advance(300, 500);
    clock.mark('podReady');
    advance(100, 150);
    clock.mark('studentStarted');
    advance(50, 60);
    clock.testStarted('a');
    clock.mark('portFound');
    advance(200, 210);
    clock.testEnded('a');
    clock.testStarted('b');
    advance(10, 5);
    clock.testEnded('b');
    clock.mark('testsDone');
    advance(40, 80);
    clock.mark('studentStarted'); // a second run's start: the first counts
    clock.mark('teardownDone');
    const timings = clock.timings();
    expect(timings.startedAt).toBe(new Date(1_000_000).toISOString());
    expect(timings.marks).toEqual({ started: 0, podReady: 300, studentStarted: 400, portFound: 450, testsDone: 660, teardownDone: 700 });
    expect(timings.phases).toEqual([
      { phase: 'podReady', ms: 300, machineCpuMs: 500 },
      { phase: 'studentStarted', ms: 100, machineCpuMs: 150 },
      { phase: 'portFound', ms: 50, machineCpuMs: 60 },
      { phase: 'testsDone', ms: 210, machineCpuMs: 215 },
      { phase: 'teardownDone', ms: 40, machineCpuMs: 80 },
    ]);
    expect(timings.tests).toEqual([
      { id: 'a', startMs: 450, endMs: 650 },
      { id: 'b', startMs: 650, endMs: 660 },
    ]);
  });

  it('orders phases by time: a server started before the pod counted as ready', () => {
    const { clock, advance } = fakeClock();
    advance(100, 100);
    clock.mark('studentStarted');
    advance(100, 30);
    clock.mark('podReady');
    expect(clock.timings().phases).toEqual([
      { phase: 'studentStarted', ms: 100, machineCpuMs: 100 },
      { phase: 'podReady', ms: 100, machineCpuMs: 30 },
    ]);
  });
});

describe('withOutsideMark', () => {
  const clock = new RunClock(
    () => Date.parse('2026-12-04T10:00:00.000Z'),
    () => ({ busyMs: 0, totalMs: 0 }),
  );
  clock.mark('podReady');
  const timings = clock.timings();

  it('adds the wait in the queue before the run, with unknown CPU, and keeps the rest', () => {
    const queued = withOutsideMark(timings, 'queued', Date.parse('2026-12-04T09:59:58.500Z'));
    expect(queued.marks).toEqual({ queued: -1500, started: 0, podReady: 0 });
    expect(queued.phases).toEqual([
      { phase: 'started', ms: 1500, machineCpuMs: null },
      { phase: 'podReady', ms: 0, machineCpuMs: 0 },
    ]);
    const recorded = withOutsideMark(queued, 'recorded', Date.parse('2026-12-04T10:00:02.000Z'));
    expect(recorded.phases.at(-1)).toEqual({ phase: 'recorded', ms: 2000, machineCpuMs: null });
  });

  it('leaves timings with an unreadable start alone', () => {
    const broken = { ...timings, startedAt: 'yesterday' };
    expect(withOutsideMark(broken, 'recorded', Date.now())).toBe(broken);
  });
});

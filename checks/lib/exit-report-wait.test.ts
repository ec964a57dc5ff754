import { describe, expect, it } from 'vitest';
import { SHORT_EXIT_WAIT_MS, waitForExitReport } from './exit-report-wait.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { StudentView } from '../suite.js';

/** A student view that records the waits asked of it and reports an exit only when told to. */
function student(exitOnWait: number | null = null): StudentView & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    lastExit: () => null,
    exited: new AbortController().signal,
    waitForExit: async (ms) => {
      waits.push(ms);
      return waits.length === exitOnWait ? ({ exitCode: 1 } as StudentRunResult) : null;
    },
  };
}

describe('waitForExitReport (issue #11)', () => {
  const signal = new AbortController().signal;

  it('waits in full once, then only the short wait for a server that lived on', async () => {
    const view = student();
    expect(await waitForExitReport(view, 1000, signal)).toBeNull();
    expect(await waitForExitReport(view, 1000, signal)).toBeNull();
    expect(await waitForExitReport(view, 100, signal)).toBeNull();
    expect(view.waits).toEqual([1000, SHORT_EXIT_WAIT_MS, 100]);
  });

  it('does not take a zero wait as the program living on', async () => {
    const view = student();
    await waitForExitReport(view, 0, signal);
    await waitForExitReport(view, 1000, signal);
    expect(view.waits).toEqual([0, 1000]);
  });

  it('returns the exit when one is reported, and keeps runs apart', async () => {
    const crashing = student(1);
    expect(await waitForExitReport(crashing, 1000, signal)).toEqual({ exitCode: 1 });
    const other = student();
    await waitForExitReport(other, 1000, signal);
    expect(other.waits).toEqual([1000]);
  });
});

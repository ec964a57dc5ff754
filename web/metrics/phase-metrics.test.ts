import { describe, expect, it } from 'vitest';
import { summarizePhases } from './phase-metrics.js';

describe('summarizePhases', () => {
  it('gives p50/p95/max of each phase in the order of the marks, skipping what is malformed', () => {
    const rows = [
      [
        { phase: 'testsDone', ms: 1500, machineCpuMs: 900 },
        { phase: 'podReady', ms: 300, machineCpuMs: 400 },
      ],
      [
        { phase: 'podReady', ms: 500, machineCpuMs: null },
        { phase: 'nonsense', ms: 1 },
        { phase: 'testsDone', ms: 'slow' },
        null,
      ],
      'not an array',
    ];
    const phases = summarizePhases(rows);
    expect(Object.keys(phases)).toEqual(['podReady', 'testsDone']);
    expect(phases.podReady).toEqual({ ms: { count: 2, p50: 300, p95: 500, max: 500 }, machineCpuMs: { count: 1, p50: 400, p95: 400, max: 400 } });
    expect(phases.testsDone).toEqual({ ms: { count: 1, p50: 1500, p95: 1500, max: 1500 }, machineCpuMs: { count: 1, p50: 900, p95: 900, max: 900 } });
  });
});

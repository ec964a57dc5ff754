import { describe, expect, it } from 'vitest';
import { nearestRank, summarize } from './percentiles.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('percentiles', () => {
  it('are nearest-rank: always one of the values', () => {
    expect(summarize([10, 20, 30, 40])).toEqual({ count: 4, p50: 20, p95: 40, max: 40 });
    expect(summarize([300, 100, 200])).toEqual({ count: 3, p50: 200, p95: 300, max: 300 });
    expect(summarize(range(1, 100))).toEqual({ count: 100, p50: 50, p95: 95, max: 100 });
    expect(summarize(range(1, 20))).toEqual({ count: 20, p50: 10, p95: 19, max: 20 });
    expect(summarize(range(1, 21))).toEqual({ count: 21, p50: 11, p95: 20, max: 21 });
    expect(summarize([7])).toEqual({ count: 1, p50: 7, p95: 7, max: 7 });
  });

  it('have no figures for no values', () => {
    expect(summarize([])).toEqual({ count: 0, p50: null, p95: null, max: null });
    expect(() => nearestRank([], 50)).toThrow(RangeError);
  });

  it('do not round a rank up by floating-point error', () => {
    expect(nearestRank(range(1, 100), 7)).toBe(7);
    expect(nearestRank(range(1, 1000), 99.9)).toBe(999);
    expect(nearestRank([1, 2], 100)).toBe(2);
    expect(() => nearestRank([1], 0)).toThrow(/not in \(0, 100\]/);
  });

  it('leave the input unsorted', () => {
    const values = [3, 1, 2];
    summarize(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

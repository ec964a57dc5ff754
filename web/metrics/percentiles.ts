/** Count, median, 95th percentile and maximum of some durations; null figures when there are none. */
export interface Summary {
  count: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value with at
 * least `p` % of the values at or below it. Always one of the values (no interpolation),
 * so "p95 = 41 000 ms" means a submission really waited that long.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is not in (0, 100]`);
  // p × n first: (7 / 100) × 100 is 7.000000000000001 in floating point, whose ceiling is 8.
  return sorted[Math.ceil((p * sorted.length) / 100) - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, p50: null, p95: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), max: sorted[sorted.length - 1]! };
}

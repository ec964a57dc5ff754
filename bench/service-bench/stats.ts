import type { Kind, SubmissionCase } from './submission-mix.js';

export interface Spread {
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile, as `npm run bench` computes it. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function spread(values: number[]): Spread {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : NaN };
}

export function perMinute(count: number, ms: number): number {
  return ms > 0 ? (count * 60_000) / ms : NaN;
}

/**
 * The burst graded one by one, in the same order, everyone having submitted at once:
 * submission i is scored when the runs of all before it and its own are over. Each run
 * takes its kind's mean from the sample (the overall mean for a kind the sample missed).
 */
export function oneByOneLatencies(sequence: SubmissionCase[], meanMsByKind: Map<Kind, number>): number[] {
  const means = [...meanMsByKind.values()];
  const overall = means.reduce((a, b) => a + b, 0) / means.length;
  let clock = 0;
  return sequence.map((submission) => (clock += meanMsByKind.get(submission.kind) ?? overall));
}

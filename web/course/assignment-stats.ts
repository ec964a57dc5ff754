import { effectiveScore, type AssignmentPolicy } from '../assignments/index.js';
import type { StatsRow } from '../store/index.js';

/** How many submissions a most-failed test links to. */
export const FAILING_EXAMPLES = 10;
/** Histogram buckets: 10 % of the maximum each. */
export const BUCKETS = 10;

export interface AssignmentStats {
  /** Students with a graded submission: the histogram and pass rates count each one's latest. */
  students: number;
  /** `BUCKETS` buckets, `[from, to)` in points, the last one closed (full marks fall in it). */
  histogram: { from: number; to: number; count: number }[];
  average: number | null;
  tests: { id: string; name: string; passed: number; total: number; passRate: number }[];
  /** Tests failed by at least one student, most failures first, with up to 10 failing submissions. */
  mostFailed: { id: string; name: string; failed: number; submissions: string[] }[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * An assignment's statistics from each student's latest graded submission (issue #9).
 * A score is the effective one: the teacher's override, else after the late penalty.
 * `tests` follows the definition's order; a test a report lacks does not count.
 */
export function assignmentStats(
  rows: readonly StatsRow[],
  definition: { maxScore: number; tests: readonly { id: string; name: string }[] },
  policy: AssignmentPolicy,
): AssignmentStats {
  const latest = rows.filter((row) => row.newestGraded);
  const scores = latest.map((row) => row.overrideScore ?? effectiveScore({ score: row.rawScore }, policy, row.createdAt));
  const width = definition.maxScore / BUCKETS;
  const histogram = Array.from({ length: BUCKETS }, (_, i) => ({ from: round2(i * width), to: round2((i + 1) * width), count: 0 }));
  for (const score of scores) {
    const index = width > 0 ? Math.min(BUCKETS - 1, Math.max(0, Math.floor(score / width))) : BUCKETS - 1;
    histogram[index]!.count += 1;
  }
  const byTest = new Map(definition.tests.map((test) => [test.id, { id: test.id, name: test.name, passed: 0, total: 0, failing: [] as string[] }]));
  for (const row of latest) {
    for (const result of row.tests) {
      const test = byTest.get(result.id);
      if (!test) continue;
      test.total += 1;
      if (result.status === 'passed') test.passed += 1;
      else test.failing.push(row.id);
    }
  }
  const tests = [...byTest.values()];
  return {
    students: latest.length,
    histogram,
    average: scores.length ? round2(scores.reduce((sum, score) => sum + score, 0) / scores.length) : null,
    tests: tests.map(({ id, name, passed, total }) => ({ id, name, passed, total, passRate: total ? round2(passed / total) : 0 })),
    mostFailed: tests
      .filter((test) => test.failing.length > 0)
      .sort((a, b) => b.failing.length - a.failing.length)
      .map((test) => ({ id: test.id, name: test.name, failed: test.failing.length, submissions: test.failing.slice(0, FAILING_EXAMPLES) }))
  };
}

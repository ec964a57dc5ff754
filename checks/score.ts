import type { TestStatus } from './types.js';
import type { AssignmentDefinition } from './types.js';

export interface ScoredResult {
  testId: string;
  status: TestStatus;
  fraction?: number;
}

export interface Score {
  score: number;
  maxScore: number;
}

/**
 * Points: each test's points times its fraction (1 when passed, 0 otherwise, unless the
 * check said otherwise). Rounded to hundredths so 3 × 33.33 does not print as 99.99000001.
 */
export function scoreResults(assignment: Pick<AssignmentDefinition, 'tests'>, results: readonly ScoredResult[]): Score {
  let score = 0;
  let maxScore = 0;
  for (const test of assignment.tests) {
    maxScore += test.points;
    const result = results.find((r) => r.testId === test.id);
    if (!result) continue;
    const fraction = clampFraction(result.fraction ?? (result.status === 'passed' ? 1 : 0));
    score += test.points * fraction;
  }
  return { score: Math.round(score * 100) / 100, maxScore };
}

export function clampFraction(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

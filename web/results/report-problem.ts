import type { AssignmentDefinition } from '../../checks/types.js';
import type { GradingReport } from '../../grader/report.js';

/** Scores are kept to two decimals (grader/report.ts): sums may differ by rounding. */
const ROUNDING = 0.011;

/**
 * Why `report` cannot be the result of grading `assignment`, or null when it can: the
 * same test ids, each once; every score between 0 and its test's points; every maxScore the
 * definition's points; totals that add up. A worker builds its report from the job's
 * definition, so a mismatch is a forged result (someone wrote to Redis, issue #12) or a
 * worker running other code; neither may become a student's grade.
 *
 * It cannot tell a forged report that is exactly right in shape from a real one: keeping
 * strangers out of Redis (its password) is what guards against that.
 */
export function reportProblem(report: GradingReport, assignment: AssignmentDefinition | undefined, assignmentId: string): string | null {
  if (!assignment) return `the assignment \`${assignmentId}\` is not known to this service`;
  if (report.assignment !== assignment.id) return `it is for assignment \`${report.assignment}\`, not \`${assignment.id}\``;
  const points = new Map(assignment.tests.map((test) => [test.id, test.points]));
  const seen = new Set<string>();
  for (const test of report.tests) {
    const max = points.get(test.id);
    if (max === undefined) return `it has a test \`${test.id}\` the assignment does not have`;
    if (seen.has(test.id)) return `it has the test \`${test.id}\` twice`;
    seen.add(test.id);
    if (!Number.isFinite(test.maxScore) || Math.abs(test.maxScore - max) > ROUNDING) return `test \`${test.id}\` is worth ${test.maxScore} points in it, not ${max}`;
    if (!Number.isFinite(test.score) || test.score < 0 || test.score > max + ROUNDING) return `test \`${test.id}\` has ${test.score} of ${max} points`;
  }
  const missing = assignment.tests.find((test) => !seen.has(test.id));
  if (missing) return `the test \`${missing.id}\` is missing from it`;
  const maxScore = assignment.tests.reduce((sum, test) => sum + test.points, 0);
  const score = report.tests.reduce((sum, test) => sum + test.score, 0);
  if (!Number.isFinite(report.maxScore) || Math.abs(report.maxScore - maxScore) > ROUNDING * assignment.tests.length + ROUNDING) {
    return `its total is out of ${report.maxScore} points, not ${Math.round(maxScore * 100) / 100}`;
  }
  if (!Number.isFinite(report.score) || Math.abs(report.score - score) > ROUNDING * report.tests.length + ROUNDING) {
    return `its total of ${report.score} points is not the sum of its tests (${Math.round(score * 100) / 100})`;
  }
  return null;
}

/** The error a submission gets for a refused result: for the teacher, who can regrade it. */
export function refusedReportMessage(problem: string): string {
  return `The grading result was refused and not recorded: ${problem}. A teacher can regrade the submission.`;
}

import type { AssignmentDefinition, TestVisibility } from '../checks/types.js';
import type { GradingReport, ReportGroup, StudentLogs } from './report.js';

/**
 * Hidden tests get program runs of their own (issue #12). A student's program sees every
 * byte a test sends and may echo it anywhere: into a later test's answer, into a traceback
 * that the next test's feedback quotes, into its stdout. Redacting afterwards cannot catch
 * all of that, so the tests are split by visibility and each group is graded against a
 * fresh program in a fresh pod: first the visible ones, then those hidden until the
 * deadline, then the hidden ones. Nothing a visible test shows was produced after a
 * hidden test's input reached the program.
 */
export const GROUP_ORDER: readonly TestVisibility[] = ['visible', 'hidden-until-deadline', 'hidden'];

export interface IsolationGroup {
  visibility: TestVisibility;
  /** The assignment with this group's tests only, in the teacher's order. */
  assignment: AssignmentDefinition;
}

/** The groups that have tests, in run order. One group (the usual case): grade as one run, as always. */
export function isolationGroups(assignment: AssignmentDefinition): IsolationGroup[] {
  return GROUP_ORDER.map((visibility) => ({
    visibility,
    assignment: { ...assignment, tests: assignment.tests.filter((test) => (test.visibility ?? 'visible') === visibility) },
  })).filter((group) => group.assignment.tests.length > 0);
}

export interface GradedGroup {
  visibility: TestVisibility;
  report: GradingReport;
}

const NO_OUTPUT: StudentLogs = { stdout: '', stderr: '' };

/**
 * One report from the groups' reports: the tests back in the teacher's order, the scores
 * summed, `logs` the visible group's output (what a student may read), and every group's
 * own output under `groups`. `durationMs` is the whole grading, all runs together.
 */
export function mergeGroupReports(assignment: AssignmentDefinition, graded: readonly GradedGroup[], durationMs: number): GradingReport {
  const byId = new Map(graded.flatMap((group) => group.report.tests.map((test) => [test.id, test] as const)));
  const tests = assignment.tests.map((test) => {
    const result = byId.get(test.id);
    // Each group's report lists all of its tests (buildReport fills in missing ones), so this is our bug.
    if (!result) throw new Error(`no result for test ${test.id} in any isolation group`);
    return result;
  });
  const groups: ReportGroup[] = graded.map(({ visibility, report }) => ({
    visibility,
    tests: report.tests.map((test) => test.id),
    durationMs: report.durationMs,
    logs: report.logs,
  }));
  return {
    assignment: assignment.id,
    score: round2(tests.reduce((sum, test) => sum + test.score, 0)),
    maxScore: round2(tests.reduce((sum, test) => sum + test.maxScore, 0)),
    durationMs,
    tests,
    logs: graded.find((group) => group.visibility === 'visible')?.report.logs ?? NO_OUTPUT,
    groups,
    // Each group compiled the same files the same way (issue #14): the first build says it for all.
    ...(graded[0]?.report.build ? { build: graded[0].report.build } : {}),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

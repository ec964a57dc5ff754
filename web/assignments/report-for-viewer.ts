import type { GradingJobProgress } from '../../grader/jobs.js';
import type { GradingReport, TestReport } from '../../grader/report.js';
import { testShownTo, type AssignmentPolicy, type Viewer } from './assignment-policy.js';
import { formatInstant } from './instants.js';

/** A test the viewer may not see yet: that it exists and what it is worth, nothing more. */
export interface HiddenTestReport {
  /** `hidden-1`, `hidden-2`, … in the order of the report: the real id often says what is tested. */
  id: string;
  name: 'Hidden test';
  hidden: true;
  maxScore: number;
  /** When it becomes visible (the deadline), or null: never, for students. */
  shownAfter: string | null;
}

export type ViewerTestReport = TestReport | HiddenTestReport;

/** What the viewer does not see. All zero for a teacher. */
export interface HiddenTestsSummary {
  count: number;
  /** Points of the hidden tests, kept out of the report's `maxScore`. */
  maxScore: number;
  /** When (some of) them become visible: the deadline, or null when none will. */
  shownAfter: string | null;
}

/**
 * The report as one viewer may see it. `score` and `maxScore` count the shown tests
 * only, so a student cannot read a hidden test's result off the total.
 */
export interface ViewerReport extends Omit<GradingReport, 'tests'> {
  tests: ViewerTestReport[];
  /** Only when some test is hidden from this viewer: otherwise the report is exactly `sockgrade grade --json`'s. */
  hiddenTests?: HiddenTestsSummary;
}

export interface ReportViewer extends Viewer {
  policy: AssignmentPolicy;
}

/**
 * Teachers see everything. Students do not see `hidden` tests, nor `hidden-until-deadline`
 * ones until the deadline has passed: no name, status, score, feedback or transcript.
 * While any test is hidden, the program's own output is withheld too: a server that
 * prints what it receives would print the hidden tests' input.
 */
export function reportForViewer(report: GradingReport, { viewerRole, policy, now }: ReportViewer): ViewerReport {
  const hiddenSummary: HiddenTestsSummary = { count: 0, maxScore: 0, shownAfter: null };
  let visibleScore = 0;
  let visibleMax = 0;
  const tests = report.tests.map((test): ViewerTestReport => {
    const shown = testShownTo(policy, test.id, { viewerRole, now });
    if (shown.shown) {
      visibleScore += test.score;
      visibleMax += test.maxScore;
      return test;
    }
    const shownAfter = shown.shownAfter === null ? null : formatInstant(shown.shownAfter, policy.utcOffsetMinutes);
    hiddenSummary.count += 1;
    hiddenSummary.maxScore += test.maxScore;
    hiddenSummary.shownAfter ??= shownAfter;
    return { id: `hidden-${hiddenSummary.count}`, name: 'Hidden test', hidden: true, maxScore: test.maxScore, shownAfter };
  });
  if (hiddenSummary.count === 0) return report;
  const note = `[${hiddenSummary.shownAfter ? `shown after ${hiddenSummary.shownAfter}` : 'not shown'}: your program's output would give away what the hidden tests send]`;
  return {
    ...report,
    score: round2(visibleScore),
    maxScore: round2(visibleMax),
    tests,
    logs: { stdout: report.logs.stdout ? note : '', stderr: report.logs.stderr ? note : '' },
    hiddenTests: { ...hiddenSummary, maxScore: round2(hiddenSummary.maxScore) },
  };
}

/** Live progress without naming a test the viewer may not see: the counts stay. */
export function progressForViewer(progress: GradingJobProgress | null, viewer: ReportViewer): GradingJobProgress | null {
  if (!progress?.test || testShownTo(viewer.policy, progress.test.id, viewer).shown) return progress;
  return { testsDone: progress.testsDone, testsTotal: progress.testsTotal };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

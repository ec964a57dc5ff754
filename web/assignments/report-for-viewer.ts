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
 *
 * What a program does after it received a hidden test's input may give that input away
 * (it can echo it into the next answer, print it, crash with it in a traceback), so a
 * student sees only what was produced before any test hidden from them ran in the same
 * program run. The grader runs each visibility in a run of its own (`report.groups`), so
 * normally that is every shown test and the visible run's output. Tests that ran after a
 * hidden one in the same run (a report graded in one run, or a test whose visibility the
 * teacher changed since) are hidden as well, and a run's output is shown only when every
 * test of that run is.
 */
export function reportForViewer(report: GradingReport, { viewerRole, policy, now }: ReportViewer): ViewerReport {
  const shownAfterOf = hiddenUntil(report, (id) => testShownTo(policy, id, { viewerRole, now }));
  if (shownAfterOf.size === 0) return report;
  const hiddenSummary: HiddenTestsSummary = { count: 0, maxScore: 0, shownAfter: null };
  let visibleScore = 0;
  let visibleMax = 0;
  const tests = report.tests.map((test): ViewerTestReport => {
    if (!shownAfterOf.has(test.id)) {
      visibleScore += test.score;
      visibleMax += test.maxScore;
      return test;
    }
    const until = shownAfterOf.get(test.id)!;
    const shownAfter = until === null ? null : formatInstant(until, policy.utcOffsetMinutes);
    hiddenSummary.count += 1;
    hiddenSummary.maxScore += test.maxScore;
    hiddenSummary.shownAfter ??= shownAfter;
    return { id: `hidden-${hiddenSummary.count}`, name: 'Hidden test', hidden: true, maxScore: test.maxScore, shownAfter };
  });
  const allShown = (ids: readonly string[]) => ids.every((id) => !shownAfterOf.has(id));
  // Without groups, `logs` is the one run's output, hidden tests included.
  const logsRun = report.groups ? (report.groups.find((group) => group.visibility === 'visible')?.tests ?? []) : report.tests.map((test) => test.id);
  const note = `[${hiddenSummary.shownAfter ? `shown after ${hiddenSummary.shownAfter}` : 'not shown'}: your program's output would give away what the hidden tests send]`;
  const logs = allShown(logsRun) ? report.logs : { stdout: report.logs.stdout ? note : '', stderr: report.logs.stderr ? note : '' };
  // Timings name every test with its start and end: with a test hidden, they go too.
  const { groups, timings: _timings, ...rest } = report;
  const shownGroups = groups?.filter((group) => allShown(group.tests));
  return {
    ...rest,
    score: round2(visibleScore),
    maxScore: round2(visibleMax),
    tests,
    logs,
    ...(shownGroups ? { groups: shownGroups } : {}),
    hiddenTests: { ...hiddenSummary, maxScore: round2(hiddenSummary.maxScore) },
  };
}

type Shown = ReturnType<typeof testShownTo>;

/**
 * The tests this viewer may not see, each with when it will be shown (null: never): the
 * hidden ones, and every test that ran after one of them in the same program run, until
 * all of those are shown.
 */
function hiddenUntil(report: GradingReport, shownTo: (id: string) => Shown): Map<string, number | null> {
  const runs = report.groups?.map((group) => group.tests) ?? [report.tests.map((test) => test.id)];
  const hidden = new Map<string, number | null>();
  for (const run of runs) {
    // undefined: nothing hidden ran yet in this run; null: something that is never shown did.
    let taint: number | null | undefined;
    for (const id of run) {
      const shown = shownTo(id);
      if (!shown.shown) taint = taint === undefined ? shown.shownAfter : later(taint, shown.shownAfter);
      if (taint !== undefined) hidden.set(id, taint);
    }
  }
  // A test no group lists (a report we did not write) is judged on its own.
  for (const test of report.tests) {
    const shown = hidden.has(test.id) ? null : shownTo(test.id);
    if (shown && !shown.shown) hidden.set(test.id, shown.shownAfter);
  }
  return hidden;
}

/** The later of two "shown after" instants; null (never) wins. */
function later(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(a, b);
}

/** Live progress without naming a test the viewer may not see: the counts stay. */
export function progressForViewer(progress: GradingJobProgress | null, viewer: ReportViewer): GradingJobProgress | null {
  if (!progress?.test || testShownTo(viewer.policy, progress.test.id, viewer).shown) return progress;
  return { testsDone: progress.testsDone, testsTotal: progress.testsTotal };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

import type { TestVisibility } from '../../checks/types.js';
import type { GradingReport, TestReport } from '../report.js';

/**
 * A test the viewer may not see yet, as the API redacts it for a student
 * (web/assignments/report-for-viewer.ts): that it exists and what it is worth.
 */
export interface RedactedTestReport {
  id: string;
  name: string;
  hidden: true;
  maxScore: number;
  /** When it becomes visible (the deadline), or null: never. */
  shownAfter: string | null;
}

/**
 * A report as one viewer sees it: exactly `sockgrade grade --json`'s for a teacher, with
 * redacted tests (and `score`/`maxScore` of the shown tests only) for a student. The
 * formats below take either, so the API formats the viewer's report and nothing else.
 */
export interface ShownReport extends Omit<GradingReport, 'tests'> {
  tests: (TestReport | RedactedTestReport)[];
  hiddenTests?: { count: number; maxScore: number; shownAfter: string | null };
}

export function isRedacted(test: TestReport | RedactedTestReport): test is RedactedTestReport {
  return (test as RedactedTestReport).hidden === true;
}

/** Who may see each test when: the assignment's rule (a teacher's file), else every test visible. */
export type VisibilityOf = (testId: string) => TestVisibility;

export const ALL_VISIBLE: VisibilityOf = () => 'visible';

/** The first line of a test's feedback: what a one-line summary (JUnit's `message`, a push's table) shows. */
export function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

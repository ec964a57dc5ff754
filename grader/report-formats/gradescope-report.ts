import type { TestVisibility } from '../../checks/types.js';
import type { TestReport } from '../report.js';
import { ALL_VISIBLE, isRedacted, type RedactedTestReport, type ShownReport, type VisibilityOf } from './shown-report.js';

/** Gradescope's visibility values (gradescope-autograders.readthedocs.io, "Autograder Specifications"). */
export type GradescopeVisibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

export interface GradescopeTest {
  name: string;
  /** Left out for a test hidden from the viewer: its result is not theirs to see. */
  score?: number;
  max_score: number;
  status?: 'passed' | 'failed';
  output: string;
  visibility: GradescopeVisibility;
}

/** Gradescope's `results.json`. */
export interface GradescopeResults {
  score: number;
  /** Seconds. */
  execution_time: number;
  output: string;
  tests: GradescopeTest[];
}

export interface GradescopeOptions {
  /** Each test's rule, for a report the viewer sees whole (a teacher's). @defaultValue every test visible */
  visibility?: VisibilityOf;
  /** The score that counts when it is not the tests' sum: after a late penalty, or a teacher's override. */
  adjustedScore?: { score: number; reason: string };
}

const GRADESCOPE_VISIBILITY: Record<TestVisibility, GradescopeVisibility> = {
  visible: 'visible',
  'hidden-until-deadline': 'after_due_date',
  hidden: 'hidden',
};

function gradescopeTest(test: TestReport | RedactedTestReport, visibilityOf: VisibilityOf): GradescopeTest {
  if (isRedacted(test)) {
    return {
      name: test.name,
      max_score: test.maxScore,
      output: test.shownAfter ? `Shown after ${test.shownAfter}.` : 'This test stays hidden.',
      visibility: test.shownAfter ? 'after_due_date' : 'hidden',
    };
  }
  return {
    name: test.name,
    score: test.score,
    max_score: test.maxScore,
    status: test.status === 'passed' ? 'passed' : 'failed',
    output: test.status === 'passed' || test.status === 'failed' ? test.feedback : `[${test.status}] ${test.feedback}`,
    visibility: GRADESCOPE_VISIBILITY[visibilityOf(test.id)],
  };
}

/**
 * The report as Gradescope's `results.json`, so sockgrade's peers can run inside a
 * Gradescope autograder. Tests hidden from the viewer keep their name and points only;
 * a teacher's report marks each test with its rule (`hidden-until-deadline` is
 * Gradescope's `after_due_date`).
 */
export function gradescopeResults(report: ShownReport, options: GradescopeOptions = {}): GradescopeResults {
  const visibilityOf = options.visibility ?? ALL_VISIBLE;
  const output = [`${report.assignment}: ${report.score}/${report.maxScore} points`];
  if (options.adjustedScore) output.push(`Score that counts: ${options.adjustedScore.score} (${options.adjustedScore.reason})`);
  if (report.hiddenTests?.count) output.push(`${report.hiddenTests.count} hidden test(s) worth ${report.hiddenTests.maxScore} points are not counted here.`);
  for (const [name, text] of Object.entries(report.logs)) if (text.trim()) output.push('', `Your program's ${name}:`, text);
  return {
    score: options.adjustedScore?.score ?? report.score,
    execution_time: Math.round(report.durationMs / 10) / 100,
    output: output.join('\n'),
    tests: report.tests.map((test) => gradescopeTest(test, visibilityOf)),
  };
}

export function formatGradescope(report: ShownReport, options: GradescopeOptions = {}): string {
  return `${JSON.stringify(gradescopeResults(report, options), null, 2)}\n`;
}

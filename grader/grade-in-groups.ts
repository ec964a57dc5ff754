import { randomBytes } from 'node:crypto';
import type { AssignmentDefinition } from '../checks/types.js';
import { isolationGroups, mergeGroupReports, type GradedGroup } from './isolation-groups.js';
import type { GradingReport } from './report.js';

/** What grading one group needs from the run's options: the rest passes through unchanged. */
export interface GroupableOptions {
  assignment: AssignmentDefinition;
  seed?: string;
  runId?: string;
}

/**
 * Grades the assignment's isolation groups one after the other, each with `gradeOne` (a
 * fresh pod and program run), and merges their reports. With one group, `gradeOne` grades
 * the whole assignment and its report comes back as it is: an assignment without hidden
 * tests grades exactly as it always did. A thrown error (our fault, cancellation) ends
 * the whole grading: a report with a group missing would score the student wrongly.
 */
export async function gradeInGroups<O extends GroupableOptions>(opts: O, gradeOne: (opts: O) => Promise<GradingReport>): Promise<GradingReport> {
  const groups = isolationGroups(opts.assignment);
  if (groups.length <= 1) return gradeOne(opts);
  const started = Date.now();
  // One seed for all groups: a test's random choices do not depend on how it was grouped.
  const seed = opts.seed ?? randomBytes(8).toString('hex');
  const graded: GradedGroup[] = [];
  for (const [i, group] of groups.entries()) {
    const report = await gradeOne({
      ...opts,
      assignment: group.assignment,
      seed,
      ...(opts.runId === undefined ? {} : { runId: `${opts.runId}g${i + 1}` }),
    });
    graded.push({ visibility: group.visibility, report });
  }
  return mergeGroupReports(opts.assignment, graded, Date.now() - started);
}

import { formatGradescope, formatJunit, isMachineFormat, MACHINE_FORMAT_CONTENT_TYPE, type MachineFormat } from '../../grader/report-formats/index.js';
import { visibilityOf, type AssignmentPolicy } from '../assignments/index.js';
import { BadRequestError, ConflictError } from '../errors.js';
import type { submissionView } from './submission-view.js';

type SubmissionView = ReturnType<typeof submissionView>;

/** `?format=` of `GET /api/submissions/:id`: undefined for the usual JSON view. */
export function requestedFormat(value: unknown): MachineFormat | undefined {
  if (value === undefined || value === 'json') return undefined;
  if (isMachineFormat(value)) return value;
  throw new BadRequestError('`format` must be `json`, `junit` or `gradescope`.');
}

/**
 * The viewer's report (hidden tests already redacted by `submissionView`) as JUnit XML or
 * Gradescope's results.json, with its content type. 409 while there is no report.
 */
export function formattedReport(format: MachineFormat, view: SubmissionView, policy: AssignmentPolicy): { contentType: string; body: string } {
  const report = view.report;
  if (!report) {
    const why = view.status === 'queued' || view.status === 'running' ? `is not graded yet (${view.status}); ask again when it is done` : `has no report (${view.status}${view.error ? `: ${view.error}` : ''})`;
    throw new ConflictError(`Submission ${view.id} ${why}.`);
  }
  const contentType = MACHINE_FORMAT_CONTENT_TYPE[format];
  if (format === 'junit') return { contentType, body: formatJunit(report) };
  // The score that counts (after a late penalty, or the teacher's) when it is not the tests' sum.
  const reason = view.override ? 'set by your teacher' : view.late?.penaltyPercent ? `${view.late.penaltyPercent} % late penalty` : null;
  const adjusted = reason !== null && view.score !== null && view.score !== report.score ? { adjustedScore: { score: view.score, reason } } : {};
  return { contentType, body: formatGradescope(report, { visibility: (id) => visibilityOf(policy, id), ...adjusted }) };
}

/**
 * Assignments as data (issue #3): teacher-defined assignment files on top of the
 * built-ins, their policy (deadline, late policy, submission budget, test visibility),
 * and the pure functions the API applies it with.
 */
export { AssignmentFileError, formatProblem, type AssignmentProblem } from './assignment-file-error.js';
export { assignmentFileSchema, LIMIT_BOUNDS, type AssignmentFile } from './assignment-file-schema.js';
export {
  acceptedUntil,
  DEFAULT_POLICY,
  testShownTo,
  visibilityOf,
  type AssignmentPolicy,
  type LatePolicy,
  type SubmissionBudget,
  type TestVisibility,
  type Viewer,
} from './assignment-policy.js';
export { formatInstant, parseDeadline } from './instants.js';
export { effectiveScore, lateness, type Lateness } from './lateness.js';
export { loadAssignmentFile, loadAssignmentFiles, MAX_ASSIGNMENT_FILE_BYTES, type LoadAssignmentFilesOptions, type LoadedAssignment } from './load-assignment-files.js';
export { progressForViewer, reportForViewer, type HiddenTestReport, type HiddenTestsSummary, type ViewerReport, type ViewerTestReport } from './report-for-viewer.js';
export { checkSubmissionAllowed, type SubmissionAllowedInput } from './submission-allowed.js';
export { renderMarkdown } from './render-markdown.js';
export { studentStanding, type Standing, type StandingSubmission } from './student-standing.js';

import type { AssignmentCatalog } from '../assignment-catalog.js';
import { checkSubmissionAllowed } from '../assignments/index.js';
import { base64DecodedLength } from '../../grader/jobs.js';
import { formatBytes } from '../../grader/submission-files.js';
import { AssignmentClosedError, NotFoundError, QuotaExceededError, TooManyRequestsError } from '../errors.js';
import type { GradingQueuePort } from '../queue/grading-queue.js';
import type { SubmissionEvents } from '../events/submission-events.js';
import type { Store, Submission, User } from '../store/index.js';
import { checkUploadFiles, type UploadLimits } from '../upload/submission-upload.js';

/** What a hand-in needs: the API's `POST /api/submissions` and a `git push` (issue #10) share it. */
export interface HandInDeps {
  store: Store;
  queue: GradingQueuePort;
  assignments: AssignmentCatalog;
  limits: UploadLimits;
  intake: IntakeSettings;
  events: SubmissionEvents;
  log: (line: string) => void;
}

/** How new submissions are taken in. */
export interface IntakeSettings {
  /** A new submission supersedes the same student's older ones still waiting. @defaultValue true */
  supersede: boolean;
  /** Submissions a student may have waiting or being graded at once; teachers have no limit. @defaultValue 5 */
  maxInFlightPerStudent: number;
  /** Decoded bytes of a student's stored submission files; teachers have no quota. @defaultValue 50 MiB */
  studentQuotaBytes: number;
  /** Live event streams one user (student or teacher) may hold open at once. @defaultValue 10 */
  maxStreamsPerUser: number;
}

export const DEFAULT_INTAKE: IntakeSettings = { supersede: true, maxInFlightPerStudent: 5, studentQuotaBytes: 50 * 1024 * 1024, maxStreamsPerUser: 10 };

/** The assignment's deadline (403) and submission budget (429); teachers hand in any time. */
function checkDeadlineAndBudget(deps: HandInDeps, user: User, assignmentId: string, now: number): void {
  if (user.role !== 'student') return;
  const policy = deps.assignments.policy(assignmentId);
  const recentSubmissionTimes = policy.budget ? deps.store.submissions.submittedSince(user.id, assignmentId, now - policy.budget.windowMs) : [];
  checkSubmissionAllowed({ policy, now, recentSubmissionTimes });
}

/**
 * 429 beyond the per-student limit. Everything waiting or being graded counts, also a
 * submission this one may supersede (issue #12): before, those were left out, and a job a
 * worker already held went on running uncounted.
 */
function checkInFlightLimit(store: Store, user: User, intake: IntakeSettings): void {
  if (user.role === 'teacher') return;
  const inFlight = store.submissions.countInFlight(user.id);
  if (inFlight < intake.maxInFlightPerStudent) return;
  throw new TooManyRequestsError(
    `You have ${inFlight} submissions waiting or being graded; at most ${intake.maxInFlightPerStudent} are allowed at once. ` +
      'Wait for one of them to finish, then submit again.',
    30,
    'TOO_MANY_QUEUED',
  );
}

/**
 * 413 when the student's stored files and this upload together pass their quota; teachers
 * have none. `leaving`: submissions this one supersedes, whose files are dropped with it.
 */
function checkQuota(store: Store, user: User, files: Record<string, string>, intake: IntakeSettings, leaving: readonly string[]): void {
  if (user.role === 'teacher') return;
  const used = store.submissions.storedBytes(user.id, leaving);
  const adding = Object.values(files).reduce((sum, content) => sum + base64DecodedLength(content), 0);
  if (used + adding <= intake.studentQuotaBytes) return;
  throw new QuotaExceededError(
    `Your stored submissions take ${formatBytes(used)} of your ${formatBytes(intake.studentQuotaBytes)} quota, and this one (${formatBytes(adding)}) does not fit. ` +
      'Submit only your source files; if that is what you did, ask your teacher to raise the quota.',
  );
}

/**
 * Takes the jobs of the submissions this one would supersede out of the queue; returns
 * the ids whose job is gone. A job a worker already holds (or Redis down) stays: its
 * submission is graded as usual and keeps counting toward the per-student limit.
 */
async function discardSuperseded(deps: HandInDeps, user: User, assignmentId: string): Promise<string[]> {
  const gone: string[] = [];
  for (const old of deps.store.submissions.supersedable(user.id, assignmentId)) {
    if (!deps.queue.discard) {
      gone.push(old.id);
      continue;
    }
    try {
      if ((await deps.queue.discard(old.id, old.generation)) !== false) gone.push(old.id);
    } catch (error) {
      deps.log(`submission ${old.id} not superseded, its job could not be taken out: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return gone;
}

/** Deadline, budget, in-flight limit and quota: everything that may refuse a hand-in after its upload was read. */
function checkIntake(deps: HandInDeps, user: User, assignmentId: string, files: Record<string, string>, now: number, leaving: readonly string[]): void {
  checkDeadlineAndBudget(deps, user, assignmentId, now);
  checkInFlightLimit(deps.store, user, deps.intake);
  checkQuota(deps.store, user, files, deps.intake, leaving);
}

/** Puts discarded jobs back: their submissions were not superseded after all. */
async function requeue(deps: HandInDeps, ids: readonly string[], assignment: NonNullable<ReturnType<AssignmentCatalog['get']>>): Promise<void> {
  for (const id of ids) {
    const files = deps.store.submissions.files(id);
    if (!files) continue;
    await deps.queue.enqueue({ submissionId: id, assignment, files }).catch((error: unknown) => {
      deps.log(`submission ${id} not enqueued again yet: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

/**
 * One hand-in, whatever brought it: the assignment open to this user, the files' names and
 * sizes, deadline, budget, in-flight limit and quota (each refusal a typed error with the
 * message students know), superseding, then stored and queued.
 */
export async function handIn(deps: HandInDeps, user: User, assignmentId: string, files: Record<string, string>): Promise<Submission> {
const { store } = deps;
const assignment = deps.assignments.get(assignmentId);
  if (!assignment) throw new NotFoundError(`There is no assignment \`${assignmentId}\`.`, 'UNKNOWN_ASSIGNMENT');
  if (user.role === 'student' && !deps.assignments.openToStudents(assignment.id)) throw new AssignmentClosedError(assignment.id);
  checkUploadFiles(files, deps.limits);
  const now = Date.now();
  const replaced = deps.intake.supersede ? store.submissions.supersedable(user.id, assignment.id).map((old) => old.id) : [];
  checkIntake(deps, user, assignment.id, files, now, replaced);
  const gone = replaced.length ? await discardSuperseded(deps, user, assignment.id) : [];
  // Checked again with no `await` from here to the insert, so parallel requests of one
  // student cannot all pass. One refused now may have taken its predecessors' jobs out
  // of the queue: they go back in (and the reconciler would see to it otherwise).
  try {
    checkIntake(deps, user, assignment.id, files, now, gone);
  } catch (error) {
    await requeue(deps, gone, assignment);
    throw error;
  }
  // Stored first, enqueued second: if Redis is down now, the submission is still safe
  // and the service's reconciler enqueues it later (same job id, so never twice).
  const { submission, superseded } = store.submissions.createSuperseding(
    { userId: user.id, assignmentId: assignment.id, files: files, supersede: deps.intake.supersede, only: gone },
    now,
  );
  for (const old of superseded) deps.events.publish(old.id, 'superseded');
  try {
    await deps.queue.enqueue({ submissionId: submission.id, assignment, files: files });
  } catch (error) {
    deps.log(`submission ${submission.id} stored but not enqueued yet: ${error instanceof Error ? error.message : String(error)}`);
  }
  return submission;
}

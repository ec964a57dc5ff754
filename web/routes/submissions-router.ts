import { Router } from 'express';
import { canSeeSubmission, currentUser, submissionScope } from '../auth/index.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { checkSubmissionAllowed, progressForViewer } from '../assignments/index.js';
import { BadRequestError, NotFoundError, TooManyRequestsError } from '../errors.js';
import type { GradingQueuePort } from '../queue/grading-queue.js';
import type { SubmissionEvents } from '../events/submission-events.js';
import type { Store, Submission, User } from '../store/index.js';
import { readSubmissionUpload } from '../upload/read-submission-upload.js';
import { checkUploadFiles, type UploadLimits } from '../upload/submission-upload.js';
import { submissionEventsRoute } from './submission-events-route.js';
import { submissionView } from './submission-view.js';

export interface SubmissionsRouterDeps {
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
}

export const DEFAULT_INTAKE: IntakeSettings = { supersede: true, maxInFlightPerStudent: 5 };

/** `?limit=`: how many of the newest to list. @defaultValue 100, at most 1000 */
function listLimit(value: unknown): number {
  if (value === undefined) return 100;
  const limit = typeof value === 'string' && /^[0-9]{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= 1000)) throw new BadRequestError('`limit` must be a whole number from 1 to 1000.');
  return limit;
}

/** The assignment's deadline (403) and submission budget (429); teachers hand in any time. */
function checkDeadlineAndBudget(deps: SubmissionsRouterDeps, user: User, assignmentId: string, now: number): void {
  if (user.role !== 'student') return;
  const policy = deps.assignments.policy(assignmentId);
  const recentSubmissionTimes = policy.budget ? deps.store.submissions.submittedSince(user.id, assignmentId, now - policy.budget.windowMs) : [];
  checkSubmissionAllowed({ policy, now, recentSubmissionTimes });
}

/** 429 beyond the per-student limit, counted after superseding would free a place. */
function checkInFlightLimit(store: Store, user: User, assignmentId: string, intake: IntakeSettings): void {
  if (user.role === 'teacher') return;
  const inFlight = store.submissions.countInFlight(user.id, intake.supersede ? assignmentId : undefined);
  if (inFlight < intake.maxInFlightPerStudent) return;
  throw new TooManyRequestsError(
    `You have ${inFlight} submissions waiting or being graded; at most ${intake.maxInFlightPerStudent} are allowed at once. ` +
      'Wait for one of them to finish, then submit again.',
    30,
    'TOO_MANY_QUEUED',
  );
}

/** `/api/submissions`: hand in, look up, list. */
export function submissionsRouter(deps: SubmissionsRouterDeps): Router {
  const router = Router();
  const { store } = deps;

  router.post('/', async (req, res) => {
    const user = currentUser(res);
    const upload = await readSubmissionUpload(req, deps.limits);
    const assignment = deps.assignments.get(upload.assignmentId);
    if (!assignment) throw new NotFoundError(`There is no assignment \`${upload.assignmentId}\`.`, 'UNKNOWN_ASSIGNMENT');
    checkUploadFiles(upload.files, deps.limits);
    const now = Date.now();
    checkDeadlineAndBudget(deps, user, assignment.id, now);
    checkInFlightLimit(store, user, assignment.id, deps.intake);
    // Stored first, enqueued second: if Redis is down now, the submission is still safe
    // and the service's reconciler enqueues it later (same job id, so never twice).
    const { submission, superseded } = store.submissions.createSuperseding(
      { userId: user.id, assignmentId: assignment.id, files: upload.files, supersede: deps.intake.supersede },
      now,
    );
    for (const old of superseded) {
      deps.events.publish(old.id, 'superseded');
      deps.queue.discard?.(old.id, old.generation).catch(() => {});
    }
    try {
      await deps.queue.enqueue({ submissionId: submission.id, assignment, files: upload.files });
    } catch (error) {
      deps.log(`submission ${submission.id} stored but not enqueued yet: ${error instanceof Error ? error.message : String(error)}`);
    }
    res.status(202).location(`/api/submissions/${submission.id}`).json({ id: submission.id, status: submission.status });
  });

  router.get('/', (req, res) => {
    const user = currentUser(res);
    const assignmentId = typeof req.query.assignment === 'string' ? req.query.assignment : undefined;
    const limit = listLimit(req.query.limit);
    const submissions = store.submissions.list({ ...submissionScope(user), ...(assignmentId ? { assignmentId } : {}), limit });
    const owners = new Map<number, ReturnType<typeof store.users.byId>>();
    for (const { userId } of submissions) if (!owners.has(userId)) owners.set(userId, store.users.byId(userId));
    const overrides = store.overrides.currentOf(submissions.map((submission) => submission.id));
    const view = (submission: Submission) =>
      submissionView(submission, owners.get(submission.userId), false, {
        viewer: user,
        policy: deps.assignments.policy(submission.assignmentId),
        override: overrides.get(submission.id) ?? null,
      });
    res.json({ submissions: submissions.map(view) });
  });

  router.get(
    '/:id/events',
    submissionEventsRoute({
      store,
      events: deps.events,
      present: (submission, viewer, withReport) =>
        submissionView(submission, store.users.byId(submission.userId), withReport, {
          viewer,
          policy: deps.assignments.policy(submission.assignmentId),
          override: store.overrides.current(submission.id) ?? null,
        }),
      presentProgress: (submission, viewer) =>
        progressForViewer(submission.progress, { viewerRole: viewer.role, policy: deps.assignments.policy(submission.assignmentId), now: Date.now() }),
    }),
  );

  router.get('/:id', (req, res) => {
    const user = currentUser(res);
    const submission = store.submissions.get(req.params.id);
    if (!submission || !canSeeSubmission(user, submission)) throw new NotFoundError(`There is no submission \`${req.params.id}\`.`);
    res.json(
      submissionView(submission, store.users.byId(submission.userId), true, {
        viewer: user,
        policy: deps.assignments.policy(submission.assignmentId),
        override: store.overrides.current(submission.id) ?? null,
      }),
    );
  });

  return router;
}

import { Router } from 'express';
import { canSeeSubmission, currentUser, submissionScope } from '../auth/index.js';
import { progressForViewer } from '../assignments/index.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { Submission } from '../store/index.js';
import { DEFAULT_INTAKE, handIn, type HandInDeps, type IntakeSettings } from '../submissions/hand-in.js';
import { readSubmissionUpload } from '../upload/read-submission-upload.js';
import { formattedReport, requestedFormat } from './formatted-report.js';
import { submissionEventsRoute } from './submission-events-route.js';
import { submissionView } from './submission-view.js';

export type SubmissionsRouterDeps = HandInDeps;
export { DEFAULT_INTAKE, type IntakeSettings };

/** `?limit=`: how many of the newest to list. @defaultValue 100, at most 1000 */
function listLimit(value: unknown): number {
  if (value === undefined) return 100;
  const limit = typeof value === 'string' && /^[0-9]{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= 1000)) throw new BadRequestError('`limit` must be a whole number from 1 to 1000.');
  return limit;
}

/** `/api/submissions`: hand in, look up, list. */
export function submissionsRouter(deps: SubmissionsRouterDeps): Router {
  const router = Router();
  const { store } = deps;

  router.post('/', async (req, res) => {
    const user = currentUser(res);
    const upload = await readSubmissionUpload(req, deps.limits);
    const submission = await handIn(deps, user, upload.assignmentId, upload.files);
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
      maxStreamsPerUser: deps.intake.maxStreamsPerUser,
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
    const format = requestedFormat(req.query.format);
    const policy = deps.assignments.policy(submission.assignmentId);
    const view = submissionView(submission, store.users.byId(submission.userId), true, { viewer: user, policy, override: store.overrides.current(submission.id) ?? null });
    if (!format) {
      res.json(view);
      return;
    }
    // Issue #10: JUnit XML or Gradescope's results.json of the report this viewer may see.
    const { contentType, body } = formattedReport(format, view, policy);
    res.type(contentType).send(body);
  });

  return router;
}

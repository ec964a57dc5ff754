import { Router } from 'express';
import { canSeeSubmission, currentUser, submissionScope } from '../auth/index.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { NotFoundError } from '../errors.js';
import type { GradingQueuePort } from '../queue/grading-queue.js';
import type { Store } from '../store/index.js';
import { checkUploadFiles, parseUploadShape, type UploadLimits } from '../upload/submission-upload.js';
import { submissionView } from './submission-view.js';

export interface SubmissionsRouterDeps {
  store: Store;
  queue: GradingQueuePort;
  assignments: AssignmentCatalog;
  limits: UploadLimits;
  log: (line: string) => void;
}

/** `/api/submissions`: hand in, look up, list. */
export function submissionsRouter(deps: SubmissionsRouterDeps): Router {
  const router = Router();
  const { store } = deps;

  router.post('/', async (req, res) => {
    const user = currentUser(res);
    const upload = parseUploadShape(req.body);
    const assignment = deps.assignments.get(upload.assignmentId);
    if (!assignment) throw new NotFoundError(`There is no assignment \`${upload.assignmentId}\`.`, 'UNKNOWN_ASSIGNMENT');
    checkUploadFiles(upload.files, deps.limits);
    // Stored first, enqueued second: if Redis is down now, the submission is still safe
    // and the service's reconciler enqueues it later (same job id, so never twice).
    const submission = store.submissions.create({ userId: user.id, assignmentId: assignment.id, files: upload.files });
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
    const submissions = store.submissions.list({ ...submissionScope(user), ...(assignmentId ? { assignmentId } : {}) });
    const owners = new Map<number, ReturnType<typeof store.users.byId>>();
    for (const { userId } of submissions) if (!owners.has(userId)) owners.set(userId, store.users.byId(userId));
    res.json({ submissions: submissions.map((submission) => submissionView(submission, owners.get(submission.userId), false)) });
  });

  router.get('/:id', (req, res) => {
    const user = currentUser(res);
    const submission = store.submissions.get(req.params.id);
    if (!submission || !canSeeSubmission(user, submission)) throw new NotFoundError(`There is no submission \`${req.params.id}\`.`);
    res.json(submissionView(submission, store.users.byId(submission.userId), true));
  });

  return router;
}

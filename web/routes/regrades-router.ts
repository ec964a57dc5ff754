import { Router } from 'express';
import { currentUser, requireTeacher } from '../auth/index.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { regradeAssignment, regradeSubmission, type RegradeDeps } from '../regrade/regrade.js';
import type { Regrade, Store, Submission } from '../store/index.js';

function regradeView(store: Store, regrade: Regrade) {
  const progress = store.regrades.progress(regrade);
  return {
    id: regrade.id,
    assignment: regrade.assignmentId,
    requestedBy: store.users.byId(regrade.requestedBy)?.name ?? null,
    createdAt: new Date(regrade.createdAt).toISOString(),
    total: regrade.total,
    skipped: regrade.skipped,
    ...progress,
    finished: progress.pending === 0,
  };
}

/**
 * Teachers' regrades, mounted on `/api`: one submission, or every student's latest of an
 * assignment. Both answer 202 at once; a whole assignment's progress is at
 * `/api/regrades/:id` (done/total, failures) while the workers grade.
 */
export function regradesRouter(deps: RegradeDeps & { present(submission: Submission): unknown }): Router {
  const router = Router();
  const { store } = deps;

  router.post('/submissions/:id/regrade', async (req, res) => {
    requireTeacher(currentUser(res), 'regrade submissions');
    const submission = await regradeSubmission(deps, req.params.id);
    res.status(202).location(`/api/submissions/${submission.id}`).json(deps.present(submission));
  });

  router.post('/assignments/:id/regrade', async (req, res) => {
    const teacher = currentUser(res);
    requireTeacher(teacher, 'regrade an assignment');
    const regrade = await regradeAssignment(deps, req.params.id, teacher);
    res.status(202).location(`/api/regrades/${regrade.id}`).json(regradeView(store, regrade));
  });

  router.get('/regrades', (_req, res) => {
    requireTeacher(currentUser(res), 'see regrades');
    res.json({ regrades: store.regrades.list().map((regrade) => regradeView(store, regrade)) });
  });

  router.get('/regrades/:id', (req, res) => {
    requireTeacher(currentUser(res), 'see regrades');
    if (!/^[1-9][0-9]{0,15}$/.test(req.params.id)) throw new BadRequestError('A regrade id is a number.');
    const regrade = store.regrades.get(Number(req.params.id));
    if (!regrade) throw new NotFoundError(`There is no regrade ${req.params.id}.`);
    res.json(regradeView(store, regrade));
  });

  return router;
}

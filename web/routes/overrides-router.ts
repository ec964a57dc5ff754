import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireTeacher } from '../auth/index.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { ScoreOverride, Store, Submission } from '../store/index.js';
import { parseBody } from './parse-body.js';

export const MAX_OVERRIDE_COMMENT = 1000;

const overrideSchema = z
  .object({
    score: z.number().finite().min(0),
    comment: z
      .string()
      .trim()
      .min(1, 'say why (the student reads it)')
      .max(MAX_OVERRIDE_COMMENT, `at most ${MAX_OVERRIDE_COMMENT} characters`),
  })
  .strict();

export interface OverridesRouterDeps {
  store: Store;
  /** The submission as a teacher sees it after the change (with its new `score` and `override`). */
  present(submission: Submission): unknown;
}

function historyView(store: Store, entry: ScoreOverride) {
  const nameOf = (id: number | null) => (id === null ? null : (store.users.byId(id)?.name ?? null));
  return {
    score: entry.score,
    previousScore: entry.previousScore,
    comment: entry.comment,
    setBy: nameOf(entry.setBy),
    setAt: new Date(entry.setAt).toISOString(),
    undoneBy: nameOf(entry.undoneBy),
    undoneAt: entry.undoneAt === null ? null : new Date(entry.undoneAt).toISOString(),
  };
}

/**
 * A teacher's manual score on `/api/submissions/:id/override` (issue #9): `PUT` sets it
 * (`{score, comment}`, 0..the report's maxScore), `DELETE` undoes the current one (the one
 * before, or the automatic score, counts again), `GET` shows the history. The graded
 * report is never touched; a regrade keeps the override.
 */
export function overridesRouter(deps: OverridesRouterDeps): Router {
  const router = Router();
  const { store } = deps;

  const gradedSubmission = (id: string): Submission & { report: NonNullable<Submission['report']> } => {
    const submission = store.submissions.get(id);
    if (!submission) throw new NotFoundError(`There is no submission \`${id}\`.`);
    if (!submission.report) throw new ConflictError('This submission has no graded report yet; override its score once it is graded.');
    return submission as Submission & { report: NonNullable<Submission['report']> };
  };

  router.put('/submissions/:id/override', (req, res) => {
    const teacher = currentUser(res);
    requireTeacher(teacher, 'override scores');
    const submission = gradedSubmission(req.params.id);
    const { score, comment } = parseBody(overrideSchema, req.body);
    if (score > submission.report.maxScore) {
      throw new BadRequestError(`\`score\`: at most ${submission.report.maxScore}, the report's maximum.`);
    }
    store.overrides.set({ submissionId: submission.id, score, comment, setBy: teacher.id });
    res.json(deps.present(store.submissions.get(submission.id)!));
  });

  router.delete('/submissions/:id/override', (req, res) => {
    const teacher = currentUser(res);
    requireTeacher(teacher, 'undo score overrides');
    const submission = store.submissions.get(req.params.id);
    if (!submission) throw new NotFoundError(`There is no submission \`${req.params.id}\`.`);
    if (!store.overrides.undo(submission.id, teacher.id)) throw new NotFoundError('This submission has no score override to undo.');
    res.json(deps.present(store.submissions.get(submission.id)!));
  });

  router.get('/submissions/:id/override', (req, res) => {
    requireTeacher(currentUser(res), 'see score overrides');
    const submission = store.submissions.get(req.params.id);
    if (!submission) throw new NotFoundError(`There is no submission \`${req.params.id}\`.`);
    const current = store.overrides.current(submission.id);
    res.json({ current: current ? historyView(store, current) : null, history: store.overrides.history(submission.id).map((entry) => historyView(store, entry)) });
  });

  return router;
}

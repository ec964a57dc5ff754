import { Router } from 'express';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { currentUser, requireTeacher } from '../auth/index.js';
import { NotFoundError } from '../errors.js';
import { buildGradebook } from '../gradebook/build-gradebook.js';
import { gradebookCsv } from '../gradebook/gradebook-csv.js';
import type { Store, Submission } from '../store/index.js';

export interface GradebookRouterDeps {
  store: Store;
  assignments: AssignmentCatalog;
  /** The score a graded submission counts with (late penalties applied). */
  scoreOf(submission: Submission): number;
}

/**
 * `GET /api/gradebook` (teachers): JSON, or CSV with `?format=csv`. Columns are the
 * assignments anyone submitted to, or those named by `?assignment=a,b`.
 */
export function gradebookRouter(deps: GradebookRouterDeps): Router {
  const router = Router();
  router.get('/', (req, res) => {
    requireTeacher(currentUser(res), 'see the gradebook');
    const { store } = deps;
    const latest = store.submissions.latestPerStudent();
    const wanted = typeof req.query.assignment === 'string' && req.query.assignment ? req.query.assignment.split(',') : null;
    const ids = wanted ?? [...new Set(latest.map((submission) => submission.assignmentId))].sort();
    const assignments = ids.map((id) => {
      const assignment = deps.assignments.get(id);
      if (!assignment) throw new NotFoundError(`There is no assignment \`${id}\`.`, 'UNKNOWN_ASSIGNMENT');
      return assignment;
    });
    const book = buildGradebook({
      students: store.users.list('student'),
      assignments,
      latest,
      latestGraded: store.submissions.latestGradedPerStudent(),
      scoreOf: deps.scoreOf,
    });
    if (req.query.format === 'csv') {
      const day = book.generatedAt.slice(0, 10);
      res.type('text/csv; charset=utf-8').attachment(`gradebook-${day}.csv`).send(gradebookCsv(book));
      return;
    }
    res.json(book);
  });
  return router;
}

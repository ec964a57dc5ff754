import { Router } from 'express';
import type { AssignmentDefinition } from '../../checks/types.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { currentUser, requireTeacher } from '../auth/index.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { buildGradebook, GRADEBOOK_MODES, type GradebookMode } from '../gradebook/build-gradebook.js';
import { gradebookCsv } from '../gradebook/gradebook-csv.js';
import type { Store } from '../store/index.js';

export interface GradebookRouterDeps {
  store: Store;
  assignments: AssignmentCatalog;
}

function modeOf(value: unknown): GradebookMode {
  if (value === undefined) return 'latest';
  if (typeof value === 'string' && (GRADEBOOK_MODES as readonly string[]).includes(value)) return value as GradebookMode;
  throw new BadRequestError('`mode` must be `latest` or `best`.');
}

/**
 * `GET /api/gradebook` (teachers): JSON, or CSV with `?format=csv`; `?mode=latest|best`.
 * Columns are the assignments anyone submitted to that the catalog still knows (a deleted
 * teacher file's column disappears), or exactly those named by `?assignment=a,b`.
 */
export function gradebookRouter(deps: GradebookRouterDeps): Router {
  const router = Router();
  router.get('/', (req, res) => {
    requireTeacher(currentUser(res), 'see the gradebook');
    const { store } = deps;
    const mode = modeOf(req.query.mode);
    const wanted = typeof req.query.assignment === 'string' && req.query.assignment ? req.query.assignment.split(',') : null;
    const rows = store.course.gradebookRows(wanted ?? undefined);
    let assignments: AssignmentDefinition[];
    if (wanted) {
      assignments = wanted.map((id) => {
        const assignment = deps.assignments.get(id);
        if (!assignment) throw new NotFoundError(`There is no assignment \`${id}\`.`, 'UNKNOWN_ASSIGNMENT');
        return assignment;
      });
    } else {
      const ids = [...new Set(rows.map((row) => row.assignmentId))].sort();
      assignments = ids.map((id) => deps.assignments.get(id)).filter((assignment) => assignment !== undefined);
    }
    const book = buildGradebook({
      students: store.users.list('student'),
      assignments,
      rows,
      policy: (id) => deps.assignments.policy(id),
      mode,
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

import { Router } from 'express';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { currentUser, requireTeacher } from '../auth/index.js';
import { assignmentStats } from '../course/assignment-stats.js';
import { NotFoundError } from '../errors.js';
import { buildGradebook, maxScoreOf } from '../gradebook/build-gradebook.js';
import type { QueueDepth } from '../queue/grading-queue.js';
import type { Store } from '../store/index.js';

export interface CourseRouterDeps {
  store: Store;
  assignments: AssignmentCatalog;
  queueDepth?: () => Promise<QueueDepth>;
  /** @defaultValue Date.now */
  now?: () => number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The teacher's view of the class, mounted on `/api` (issue #9): an assignment's
 * statistics, and the home page's overview. Each is a set-based query or two.
 */
export function courseRouter(deps: CourseRouterDeps): Router {
  const router = Router();
  const { store } = deps;
  const now = deps.now ?? Date.now;

  router.get('/assignments/:id/stats', (req, res) => {
    requireTeacher(currentUser(res), 'see assignment statistics');
    const assignment = deps.assignments.get(req.params.id);
    if (!assignment) throw new NotFoundError(`There is no assignment \`${req.params.id}\`.`, 'UNKNOWN_ASSIGNMENT');
    const maxScore = maxScoreOf(assignment);
    const stats = assignmentStats(store.course.statsRows(assignment.id), { maxScore, tests: assignment.tests }, deps.assignments.policy(assignment.id));
    res.json({ assignment: { id: assignment.id, title: assignment.title, maxScore }, ...stats });
  });

  router.get('/overview', async (_req, res) => {
    requireTeacher(currentUser(res), 'see the class overview');
    // The queue is optional (and Redis may be away): the rest of the page still answers.
    const queue = deps.queueDepth ? await deps.queueDepth().catch(() => null) : null;
    const students = store.users.list('student');
    const definitions = deps.assignments.list();
    const book = buildGradebook({ students, assignments: definitions, rows: store.course.gradebookRows(), policy: (id) => deps.assignments.policy(id), mode: 'latest' });
    const assignments = book.assignments.map(({ id, title, maxScore }) => {
      const scores = book.students.map((student) => student.grades[id]?.score).filter((score) => typeof score === 'number');
      const submitted = book.students.filter((student) => student.grades[id] != null).length;
      return {
        id,
        title,
        maxScore,
        average: scores.length ? Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 100) / 100 : null,
        studentsSubmitted: submitted,
        studentsFullMarks: scores.filter((score) => score >= maxScore).length,
      };
    });
    res.json({ queue, submissionsLastHour: store.course.submittedSince(now() - HOUR_MS), students: students.length, assignments });
  });

  return router;
}

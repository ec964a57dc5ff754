import { Router } from 'express';
import type { AssignmentDefinition } from '../../checks/types.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { effectiveScore, reportForViewer, studentStanding } from '../assignments/index.js';
import { currentUser } from '../auth/index.js';
import { AssignmentClosedError, NotFoundError } from '../errors.js';
import type { Store, User } from '../store/index.js';
import { assignmentSummary } from './assignments-router.js';

export interface MeRouterDeps {
  store: Store;
  assignments: AssignmentCatalog;
  /** @defaultValue Date.now */
  now?: () => number;
}

/** Submissions looked at per assignment for the standing: far more than a budget allows. */
const HISTORY_LIMIT = 1000;

/**
 * `/api/me/assignments[/:id]`: each assignment with where the signed-in person stands on
 * it (issue #9, the student's home page): their number of submissions, the newest with
 * its status, the best score, whether it is still open, and what is left of the budget.
 * Scores are as the person may see them: after the late penalty, hidden tests left out.
 */
export function meRouter(deps: MeRouterDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  const standingOf = (assignment: AssignmentDefinition, user: User, at: number) => {
    const policy = deps.assignments.policy(assignment.id);
    const viewer = { viewerRole: user.role, policy, now: at };
    const listed = deps.store.submissions.list({ userId: user.id, assignmentId: assignment.id, limit: HISTORY_LIMIT });
    // A teacher's override is the score that counts (issue #9).
    const overrides = deps.store.overrides.currentOf(listed.map((submission) => submission.id));
    const submissions = listed.map((submission) => {
      const report = submission.report && reportForViewer(submission.report, viewer);
      return {
        id: submission.id,
        status: submission.status,
        createdAt: submission.createdAt,
        score: report ? (overrides.get(submission.id)?.score ?? effectiveScore(report, policy, submission.createdAt)) : null,
        maxScore: report?.maxScore ?? null,
      };
    });
    const heldToBudget = user.role === 'student';
    const recentTimes = policy.budget && heldToBudget ? deps.store.submissions.submittedSince(user.id, assignment.id, at - policy.budget.windowMs) : [];
    return studentStanding({ policy, now: at, submissions, recentTimes, heldToBudget });
  };

  const entry = (assignment: AssignmentDefinition, user: User, at: number) => ({
    ...assignmentSummary(assignment, deps.assignments.policy(assignment.id), { viewerRole: user.role, now: at }),
    mine: standingOf(assignment, user, at),
  });

  // A student sees only what is open to students (issue #12: a teacher file's base is no oracle).
  const openTo = (user: User, id: string) => user.role === 'teacher' || deps.assignments.openToStudents(id);

  router.get('/assignments', (_req, res) => {
    const user = currentUser(res);
    const at = now();
    const open = deps.assignments.list().filter((assignment) => openTo(user, assignment.id));
    res.json({ assignments: open.map((assignment) => entry(assignment, user, at)) });
  });

  router.get('/assignments/:id', (req, res) => {
    const assignment = deps.assignments.get(req.params.id);
    if (!assignment) throw new NotFoundError(`There is no assignment \`${req.params.id}\`.`, 'UNKNOWN_ASSIGNMENT');
    const user = currentUser(res);
    if (!openTo(user, assignment.id)) throw new AssignmentClosedError(assignment.id);
    res.json(entry(assignment, user, now()));
  });

  return router;
}

import { Router } from 'express';
import type { AssignmentDefinition } from '../../checks/types.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { acceptedUntil, formatInstant, renderMarkdown, testShownTo, visibilityOf, type AssignmentPolicy, type Viewer } from '../assignments/index.js';
import type { AssignmentSource } from '../assignments/catalog-holder.js';
import { currentUser } from '../auth/index.js';
import { AssignmentClosedError, NotFoundError } from '../errors.js';
import { acceptedEntries } from '../../checks/runtimes.js';

export interface AssignmentsRouterOptions {
  /** The clock that decides whether the deadline has passed. @defaultValue Date.now */
  now?: () => number;
  /** Where a teacher's list says each assignment comes from (issue #9). @defaultValue none shown */
  sourceOf?: (id: string) => AssignmentSource | undefined;
}

/**
 * A test as the viewer may see it. A test hidden from a student shows that it exists,
 * its points (they count towards the assignment's maximum) and when it will be shown,
 * but not its id or name: those often say what is tested.
 */
function testsFor(assignment: AssignmentDefinition, policy: AssignmentPolicy, viewer: Viewer) {
  let hidden = 0;
  return assignment.tests.map((test) => {
    const visibility = visibilityOf(policy, test.id);
    const shown = testShownTo(policy, test.id, viewer);
    if (shown.shown) return { id: test.id, name: test.name, points: test.points, visibility };
    hidden += 1;
    const shownAfter = shown.shownAfter === null ? null : formatInstant(shown.shownAfter, policy.utcOffsetMinutes);
    return { id: `hidden-${hidden}`, name: 'Hidden test', points: test.points, visibility, shownAfter };
  });
}

/** Deadline, late policy and budget: what a student must know before handing in. */
function rulesOf(policy: AssignmentPolicy) {
  const shown = (ms: number | null) => (ms === null ? null : formatInstant(ms, policy.utcOffsetMinutes));
  return {
    deadline: shown(policy.deadline),
    late: policy.deadline === null ? null : { ...policy.late, acceptedUntil: shown(acceptedUntil(policy)) },
    budget: policy.budget && { submissions: policy.budget.submissions, perHours: policy.budget.perHours },
  };
}

/** What a student needs to work from; the checks' parameters stay with the grader. */
export function assignmentSummary(assignment: AssignmentDefinition, policy: AssignmentPolicy, viewer: Viewer) {
  return {
    id: assignment.id,
    title: assignment.title,
    summary: assignment.summary,
    role: assignment.role,
    transport: assignment.transport,
    entry: assignment.entry,
    // Every file name this assignment grades, one per language (issue #14): `server.py`, `server.c`, `Server.java`.
    entries: acceptedEntries(assignment),
    maxScore: assignment.tests.reduce((sum, test) => sum + test.points, 0),
    ...rulesOf(policy),
    tests: testsFor(assignment, policy, viewer),
  };
}

/** `/api/assignments`: the list, and one with its exercise sheet. */
export function assignmentsRouter(catalog: AssignmentCatalog, opts: AssignmentsRouterOptions = {}): Router {
  const router = Router();
  const now = opts.now ?? Date.now;
  const viewerOf = (res: Parameters<typeof currentUser>[0]): Viewer => ({ viewerRole: currentUser(res).role, now: now() });
  // Students see only what they may hand in to (issue #12: a teacher file's base is no oracle).
  const listedFor = (viewer: Viewer, id: string) => viewer.viewerRole === 'teacher' || catalog.openToStudents(id);
  router.get('/', (_req, res) => {
    const viewer = viewerOf(res);
    const listed = catalog.list().filter((assignment) => listedFor(viewer, assignment.id));
    // Teachers also see whether each is built in or from which of their files.
    const sourceOf = viewer.viewerRole === 'teacher' ? opts.sourceOf : undefined;
    res.json({
      assignments: listed.map((assignment) => ({
        ...assignmentSummary(assignment, catalog.policy(assignment.id), viewer),
        ...(sourceOf ? { source: sourceOf(assignment.id) ?? { kind: 'builtin' } } : {}),
      })),
    });
  });
  router.get('/:id', (req, res) => {
    const assignment = catalog.get(req.params.id);
    if (!assignment) throw new NotFoundError(`There is no assignment \`${req.params.id}\`.`, 'UNKNOWN_ASSIGNMENT');
    const viewer = viewerOf(res);
    if (!listedFor(viewer, assignment.id)) throw new AssignmentClosedError(assignment.id);
    // The sheet also as HTML for the dashboard (issue #9): rendered here, HTML in the Markdown escaped.
    const descriptionHtml = { en: renderMarkdown(assignment.description.en), de: renderMarkdown(assignment.description.de) };
    res.json({ ...assignmentSummary(assignment, catalog.policy(assignment.id), viewer), description: assignment.description, descriptionHtml });
  });
  return router;
}

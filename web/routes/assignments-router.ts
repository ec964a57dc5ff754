import { Router } from 'express';
import type { AssignmentDefinition } from '../../checks/types.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { NotFoundError } from '../errors.js';

/** What a student needs to work from; the checks' parameters stay with the grader. */
function assignmentSummary(assignment: AssignmentDefinition) {
  return {
    id: assignment.id,
    title: assignment.title,
    summary: assignment.summary,
    role: assignment.role,
    transport: assignment.transport,
    entry: assignment.entry,
    maxScore: assignment.tests.reduce((sum, test) => sum + test.points, 0),
    tests: assignment.tests.map((test) => ({ id: test.id, name: test.name, points: test.points })),
  };
}

/** `/api/assignments`: the list, and one with its exercise sheet. */
export function assignmentsRouter(catalog: AssignmentCatalog): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ assignments: catalog.list().map(assignmentSummary) });
  });
  router.get('/:id', (req, res) => {
    const assignment = catalog.get(req.params.id);
    if (!assignment) throw new NotFoundError(`There is no assignment \`${req.params.id}\`.`, 'UNKNOWN_ASSIGNMENT');
    res.json({ ...assignmentSummary(assignment), description: assignment.description });
  });
  return router;
}

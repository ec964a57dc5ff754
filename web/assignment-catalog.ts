import { getAssignment, listAssignments } from '../checks/index.js';
import type { AssignmentDefinition } from '../checks/types.js';

/** Where the API finds assignments: the built-in ones today, teacher-defined ones later. */
export interface AssignmentCatalog {
  get(id: string): AssignmentDefinition | undefined;
  list(): AssignmentDefinition[];
}

export const builtinAssignments: AssignmentCatalog = { get: getAssignment, list: listAssignments };

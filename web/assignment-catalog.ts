import { getAssignment, listAssignments } from '../checks/index.js';
import type { AssignmentDefinition } from '../checks/types.js';
import { DEFAULT_POLICY, loadAssignmentFiles, type AssignmentPolicy } from './assignments/index.js';

/** Where the API finds assignments: the built-in ones of `checks/` and the teachers' files. */
export interface AssignmentCatalog {
  /** A copy: callers may change it without changing the catalog. */
  get(id: string): AssignmentDefinition | undefined;
  /** Copies of all, built-ins first, then the teachers' in file-name order. */
  list(): AssignmentDefinition[];
  /** Deadline, late policy, budget and test visibility; the default policy for a built-in or an unknown id. */
  policy(id: string): AssignmentPolicy;
}

export const builtinAssignments: AssignmentCatalog = { get: getAssignment, list: listAssignments, policy: () => DEFAULT_POLICY };

/** A catalog of fixed entries; the policy of an id without one is {@link DEFAULT_POLICY}. */
export function createAssignmentCatalog(entries: readonly { definition: AssignmentDefinition; policy?: AssignmentPolicy }[]): AssignmentCatalog {
  const byId = new Map(entries.map((entry) => [entry.definition.id, entry]));
  return {
    get: (id) => {
      const entry = byId.get(id);
      return entry ? structuredClone(entry.definition) : undefined;
    },
    list: () => entries.map((entry) => structuredClone(entry.definition)),
    policy: (id) => byId.get(id)?.policy ?? DEFAULT_POLICY,
  };
}

/**
 * The built-ins plus every assignment file in `dir` (`SOCKGRADE_ASSIGNMENTS_DIR`). A
 * missing folder adds none; any invalid file throws `AssignmentFileError` listing every
 * problem. Read once: a changed file takes effect at the next start.
 */
export async function loadAssignmentCatalog(dir: string): Promise<AssignmentCatalog> {
  const builtins = listAssignments();
  const files = await loadAssignmentFiles(dir, { builtins });
  return createAssignmentCatalog([...builtins.map((definition) => ({ definition })), ...files]);
}

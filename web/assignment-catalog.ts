import { getAssignment, listAssignments } from '../checks/index.js';
import type { AssignmentDefinition } from '../checks/types.js';
import { DEFAULT_POLICY, loadAssignmentFiles, type AssignmentPolicy } from './assignments/index.js';

/**
 * Which assignments students see and may hand in to (`SOCKGRADE_STUDENT_ASSIGNMENTS`):
 * `all`: teachers' files and the built-ins no file is based on (unless it says `openBase: true`);
 * `teacher`: teachers' files only. Teachers always see all.
 */
export type StudentAssignments = 'all' | 'teacher';

/** Where the API finds assignments: the built-in ones of `checks/` and the teachers' files. */
export interface AssignmentCatalog {
  /** A copy: callers may change it without changing the catalog. */
  get(id: string): AssignmentDefinition | undefined;
  /** Copies of all, built-ins first, then the teachers' in file-name order. */
  list(): AssignmentDefinition[];
  /** Deadline, late policy, budget and test visibility; the default policy for a built-in or an unknown id. */
  policy(id: string): AssignmentPolicy;
  /**
   * Whether students may see it and hand in to it (teachers may, always). A built-in that
   * a teacher's file is based on is closed: all its tests are visible and it has no
   * deadline or budget, so a student could use it as an oracle for the teacher's hidden
   * variant (issue #12).
   */
  openToStudents(id: string): boolean;
}

export const builtinAssignments: AssignmentCatalog = { get: getAssignment, list: listAssignments, policy: () => DEFAULT_POLICY, openToStudents: () => true };

export interface CatalogEntry {
  definition: AssignmentDefinition;
  policy?: AssignmentPolicy;
  /** Set for a teacher's file: the built-in it starts from. */
  basedOn?: string;
  /** A teacher's file that leaves its base open to students (`openBase: true`). */
  openBase?: boolean;
  /** Set for a teacher's file (a scripted one has no `basedOn`, issue #14): the file it came from. */
  file?: string;
}

export interface CatalogOptions {
  /** @defaultValue 'all' */
  studentAssignments?: StudentAssignments;
}

/** A catalog of fixed entries; the policy of an id without one is {@link DEFAULT_POLICY}. */
export function createAssignmentCatalog(entries: readonly CatalogEntry[], opts: CatalogOptions = {}): AssignmentCatalog {
  const byId = new Map(entries.map((entry) => [entry.definition.id, entry]));
  // A base stays open only when every file based on it opens it.
  const closedBases = new Set(entries.filter((entry) => entry.basedOn !== undefined && entry.openBase !== true).map((entry) => entry.basedOn!));
  const studentAssignments = opts.studentAssignments ?? 'all';
  return {
    get: (id) => {
      const entry = byId.get(id);
      return entry ? structuredClone(entry.definition) : undefined;
    },
    list: () => entries.map((entry) => structuredClone(entry.definition)),
    policy: (id) => byId.get(id)?.policy ?? DEFAULT_POLICY,
    openToStudents: (id) => {
      const entry = byId.get(id);
      if (!entry) return false;
      if (entry.basedOn !== undefined || entry.file !== undefined) return true;
      return studentAssignments === 'all' && !closedBases.has(id);
    },
  };
}

/**
 * The built-ins plus every assignment file in `dir` (`SOCKGRADE_ASSIGNMENTS_DIR`). A
 * missing folder adds none; any invalid file throws `AssignmentFileError` listing every
 * problem. Read once: a changed file takes effect at the next start.
 */
export async function loadAssignmentCatalog(dir: string, opts: CatalogOptions = {}): Promise<AssignmentCatalog> {
  const builtins = listAssignments();
  const files = await loadAssignmentFiles(dir, { builtins });
  return createAssignmentCatalog([...builtins.map((definition) => ({ definition })), ...files], opts);
}

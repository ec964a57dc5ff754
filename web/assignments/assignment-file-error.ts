/** One thing wrong in one assignment file, where it is, and what to write instead. */
export interface AssignmentProblem {
  /** The file as shown: the folder's name and the file's, e.g. `assignments/echo.yaml`. */
  file: string;
  /** 1-based line in the file, when known. */
  line: number | null;
  /** Where in the file's structure, e.g. `tests[1].id`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** `assignments/echo.yaml:7: tests[1].id: …`, the way compilers point at a line. */
export function formatProblem(problem: AssignmentProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/**
 * The assignment folder has problems: every problem of every file at once, so a teacher
 * fixes them in one go instead of one per restart. The service does not start with
 * them: grading with a half-read policy (a deadline ignored) would be worse.
 */
export class AssignmentFileError extends Error {
  readonly code = 'ASSIGNMENT_INVALID';

  constructor(
    readonly dir: string,
    readonly problems: readonly AssignmentProblem[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`The assignment files in ${dir} have ${count}; fix them and start again:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'AssignmentFileError';
  }
}

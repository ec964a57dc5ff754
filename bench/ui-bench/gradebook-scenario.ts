/**
 * The gradebook scenario of `npm run bench:ui` (issue #9): 200 students × 20 assignments,
 * each cell one graded submission. The bench's baseline (the empty sign-in page, loaded
 * in the same run) cancels out the machine's speed.
 */
import { listAssignments } from '../../checks/index.js';
import { verdictReport } from '../../grader/report.js';
import type { Store } from '../../web/store/index.js';

/** The shape of a `bench/ui-bench.ts` scenario: seed once, load the path, wait for `ready`. */
export interface GradebookScenario {
  name: string;
  seed(store: Store, users: { teacher: { id: number } }): string;
  ready: string;
  as: 'teacher';
}

/** Graded submissions for `students` × `assignments` (fresh student names per call). */
export function seedGradebook(store: Store, students: number, assignments: number, prefix: string): void {
  const ids = listAssignments().map((assignment) => assignment.id);
  if (assignments > ids.length) throw new Error(`only ${ids.length} built-in assignments; asked for ${assignments}`);
  for (let s = 0; s < students; s++) {
    const userId = store.users.create({ name: `${prefix}-${String(s).padStart(3, '0')}`, role: 'student' }).id;
    for (let a = 0; a < assignments; a++) {
      const assignmentId = ids[a]!;
      const submission = store.submissions.create({ userId, assignmentId, files: {} });
      store.submissions.markRunning(submission.id);
      store.submissions.markDone(submission.id, { ...verdictReport(listAssignments()[a]!, 'failed', 'bench', 0), score: (s * 7 + a) % 101 });
    }
  }
}

/**
 * `/gradebook` with 200 students × 20 assignments, ready when the 200th row is in the DOM
 * (the page builds the whole table before it attaches it, so that is its first render).
 * Other scenarios' students in the same store only add rows after these.
 */
export const GRADEBOOK_200_X_20: GradebookScenario = {
  name: 'gradebook 200 students × 20 assignments',
  as: 'teacher',
  ready: '#gradebook tbody tr:nth-child(200)',
  seed(store) {
    seedGradebook(store, 200, 20, 'student');
    return '/gradebook';
  },
};

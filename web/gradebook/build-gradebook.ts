import type { AssignmentDefinition } from '../../checks/types.js';
import type { Submission, User } from '../store/index.js';

/** One student's standing in one assignment. */
export interface GradebookCell {
  /** The score that counts (after any late penalty); null while nothing is graded yet. */
  score: number | null;
  maxScore: number;
  /** The graded submission the score comes from. */
  submissionId: string | null;
  submittedAt: string | null;
  /** A newer submission (or a regrade) is waiting or being graded: the score may change. */
  pending: boolean;
  /** The latest grading could not run (our fault): the teacher should look. */
  error: string | null;
}

export interface Gradebook {
  generatedAt: string;
  assignments: { id: string; title: string; maxScore: number }[];
  students: { id: number; name: string; total: number; grades: Record<string, GradebookCell | null> }[];
}

export interface GradebookInput {
  students: User[];
  /** The columns, in order. */
  assignments: AssignmentDefinition[];
  /** Each student's latest counting (not superseded) submission per assignment. */
  latest: Submission[];
  /** Each student's latest submission with a report per assignment. */
  latestGraded: Submission[];
  /** The score a graded submission counts with: its report's, or after a late penalty. */
  scoreOf(submission: Submission): number;
  now?: number;
}

export const maxScoreOf = (assignment: AssignmentDefinition): number => assignment.tests.reduce((sum, test) => sum + test.points, 0);

/**
 * The gradebook: a row per student, a column per assignment. A cell shows the latest
 * graded submission's score and says when a newer one is still in flight, so a teacher
 * exporting during a deadline rush sees what is final and what is not.
 */
export function buildGradebook(input: GradebookInput): Gradebook {
  const key = (userId: number, assignmentId: string) => `${userId}\u0000${assignmentId}`;
  const latest = new Map(input.latest.map((submission) => [key(submission.userId, submission.assignmentId), submission]));
  const graded = new Map(input.latestGraded.map((submission) => [key(submission.userId, submission.assignmentId), submission]));
  const students = input.students.map((student) => {
    const grades: Record<string, GradebookCell | null> = {};
    let total = 0;
    for (const assignment of input.assignments) {
      const newest = latest.get(key(student.id, assignment.id));
      const scored = graded.get(key(student.id, assignment.id));
      if (!newest && !scored) {
        grades[assignment.id] = null;
        continue;
      }
      const score = scored ? input.scoreOf(scored) : null;
      total += score ?? 0;
      grades[assignment.id] = {
        score,
        maxScore: maxScoreOf(assignment),
        submissionId: scored?.id ?? null,
        submittedAt: scored ? new Date(scored.createdAt).toISOString() : null,
        pending: newest !== undefined && (newest.status === 'queued' || newest.status === 'running'),
        error: newest?.status === 'error' ? newest.error : null,
      };
    }
    return { id: student.id, name: student.name, total, grades };
  });
  return {
    generatedAt: new Date(input.now ?? Date.now()).toISOString(),
    assignments: input.assignments.map((assignment) => ({ id: assignment.id, title: assignment.title, maxScore: maxScoreOf(assignment) })),
    students,
  };
}

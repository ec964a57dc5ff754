import type { AssignmentDefinition } from '../../checks/types.js';
import { effectiveScore, lateness, type AssignmentPolicy } from '../assignments/index.js';
import type { GradebookRow, User } from '../store/index.js';

/**
 * Which graded submission a cell counts (issue #9):
 * - `latest`: the newest graded submission, whatever its score;
 * - `best`: the graded submission with the highest effective score (the newest of equals).
 * A submission's effective score is the teacher's override when there is one, else the
 * report's score less the late penalty.
 */
export type GradebookMode = 'latest' | 'best';
export const GRADEBOOK_MODES: readonly GradebookMode[] = ['latest', 'best'];

/** One student's standing in one assignment. */
export interface GradebookCell {
  /** The score that counts (override, else after any late penalty); null while nothing is graded yet. */
  score: number | null;
  maxScore: number;
  /** The graded submission the score comes from. */
  submissionId: string | null;
  submittedAt: string | null;
  /** A newer submission (or a regrade) is waiting or being graded: the score may change. */
  pending: boolean;
  /** The latest grading could not run (our fault): the teacher should look. */
  error: string | null;
  /** The counted submission came after the deadline. */
  late: boolean;
  /** Days started after the deadline; 0 when on time. */
  daysLate: number;
  /** A teacher set the score by hand; `automaticScore` is what grading (and late penalty) gave. */
  override: boolean;
  automaticScore: number | null;
  overrideComment: string | null;
}

export interface Gradebook {
  generatedAt: string;
  mode: GradebookMode;
  assignments: { id: string; title: string; maxScore: number }[];
  /** The sum of the columns' maxima. */
  maxTotal: number;
  students: { id: number; name: string; total: number; grades: Record<string, GradebookCell | null> }[];
}

export interface GradebookInput {
  students: User[];
  /** The columns, in order. */
  assignments: AssignmentDefinition[];
  /** Every counting submission, grouped by student and assignment, newest first in a group. */
  rows: GradebookRow[];
  policy(assignmentId: string): AssignmentPolicy;
  /** @defaultValue 'latest' */
  mode?: GradebookMode;
  now?: number;
}

export const maxScoreOf = (assignment: AssignmentDefinition): number => assignment.tests.reduce((sum, test) => sum + test.points, 0);

const keyOf = (userId: number, assignmentId: string) => `${userId}\u0000${assignmentId}`;

/** Picks the counted submission of one student's group (newest first) and describes it. */
function cellOf(group: GradebookRow[], policy: AssignmentPolicy, maxScore: number, mode: GradebookMode): GradebookCell {
  const newest = group[0]!;
  let chosen: { row: GradebookRow; automatic: number; score: number } | null = null;
  for (const row of group) {
    if (row.rawScore === null) continue;
    const automatic = effectiveScore({ score: row.rawScore }, policy, row.createdAt);
    const score = row.overrideScore ?? automatic;
    if (chosen === null || (mode === 'best' && score > chosen.score)) chosen = { row, automatic, score };
    if (mode === 'latest') break;
  }
  const late = chosen ? lateness(policy, chosen.row.createdAt) : null;
  return {
    score: chosen?.score ?? null,
    maxScore,
    submissionId: chosen?.row.id ?? null,
    submittedAt: chosen ? new Date(chosen.row.createdAt).toISOString() : null,
    pending: newest.status === 'queued' || newest.status === 'running',
    error: newest.status === 'error' ? newest.error : null,
    late: late !== null,
    daysLate: late?.daysLate ?? 0,
    override: chosen?.row.overrideScore != null,
    automaticScore: chosen?.automatic ?? null,
    overrideComment: chosen?.row.overrideComment ?? null,
  };
}

/**
 * The gradebook: a row per student, a column per assignment. A cell shows the counted
 * graded submission's score and says when a newer one is still in flight, so a teacher
 * exporting during a deadline rush sees what is final and what is not. Linear in the
 * rows: one pass to group, one per cell.
 */
export function buildGradebook(input: GradebookInput): Gradebook {
  const mode = input.mode ?? 'latest';
  const groups = new Map<string, GradebookRow[]>();
  for (const row of input.rows) {
    const key = keyOf(row.userId, row.assignmentId);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const columns = input.assignments.map((assignment) => ({ assignment, maxScore: maxScoreOf(assignment), policy: input.policy(assignment.id) }));
  const students = input.students.map((student) => {
    const grades: Record<string, GradebookCell | null> = {};
    let total = 0;
    for (const { assignment, maxScore, policy } of columns) {
      const group = groups.get(keyOf(student.id, assignment.id));
      const cell = group ? cellOf(group, policy, maxScore, mode) : null;
      grades[assignment.id] = cell;
      total += cell?.score ?? 0;
    }
    return { id: student.id, name: student.name, total: Math.round(total * 100) / 100, grades };
  });
  return {
    generatedAt: new Date(input.now ?? Date.now()).toISOString(),
    mode,
    assignments: columns.map(({ assignment, maxScore }) => ({ id: assignment.id, title: assignment.title, maxScore })),
    maxTotal: columns.reduce((sum, column) => sum + column.maxScore, 0),
    students,
  };
}

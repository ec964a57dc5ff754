import type Database from 'better-sqlite3';
import type { Role } from './user-store.js';

/**
 * One counting (not superseded) submission as the gradebook needs it: the report's score
 * read by SQLite (`json_extract`), never the whole report parsed in JavaScript.
 */
export interface GradebookRow {
  id: string;
  userId: number;
  assignmentId: string;
  status: string;
  error: string | null;
  createdAt: number;
  /** The report's score before any late penalty; null while not graded. */
  rawScore: number | null;
  /** The teacher's override, when one counts now. */
  overrideScore: number | null;
  overrideComment: string | null;
  /** 1 for the student's newest submission of the assignment, 2 for the one before, … */
  newest: number;
}

/** A user as the teacher's list shows them. */
export interface UserSummary {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  lastSubmissionAt: number | null;
  submissions: number;
  /** Assignments with at least one submission. */
  assignments: number;
}

/** A graded submission's test results, for an assignment's statistics. */
export interface StatsRow {
  id: string;
  userId: number;
  createdAt: number;
  rawScore: number;
  overrideScore: number | null;
  /** Each test's id, name and status, picked out of the report by SQLite (the transcripts stay in the database). */
  tests: { id: string; name: string; status: string }[];
  newestGraded: boolean;
}

// The override that counts for submission `s`: the newest one not undone.
const CURRENT_OVERRIDE = `LEFT JOIN score_overrides o ON o.id = (
  SELECT MAX(x.id) FROM score_overrides x WHERE x.submission_id = s.id AND x.undone_at IS NULL)`;

/**
 * Read-only, set-based queries behind the teacher's pages (issue #9): each page is one
 * query over all students, never one per student or per cell.
 */
export class CourseStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * Every counting submission of `assignmentIds` (all when omitted), grouped by student and
   * assignment, newest first. One statement: the current overrides are grouped once (not
   * looked up per row), `->>` reads the score out of the report without building JSON, and
   * `newest` is counted here while reading the sorted rows.
   */
  gradebookRows(assignmentIds?: readonly string[]): GradebookRow[] {
    const filter = assignmentIds ? 'AND s.assignment_id IN (SELECT value FROM json_each(@ids))' : '';
    const rows = this.db
      .prepare(
        `WITH current AS (
           SELECT submission_id, score, comment, MAX(id) FROM score_overrides WHERE undone_at IS NULL GROUP BY submission_id)
         SELECT s.id, s.user_id, s.assignment_id, s.status, s.error, s.created_at, s.report ->> '$.score' AS raw_score,
           o.score AS override_score, o.comment AS override_comment
         FROM submissions s LEFT JOIN current o ON o.submission_id = s.id
         WHERE s.status != 'superseded' ${filter}
         ORDER BY s.user_id, s.assignment_id, s.created_at DESC, s.rowid DESC`,
      )
      .all(assignmentIds ? { ids: JSON.stringify(assignmentIds) } : {}) as {
      id: string;
      user_id: number;
      assignment_id: string;
      status: string;
      error: string | null;
      created_at: number;
      raw_score: number | null;
      override_score: number | null;
      override_comment: string | null;
    }[];
    let newest = 0;
    return rows.map((row, i) => {
      const previous = rows[i - 1];
      newest = previous && previous.user_id === row.user_id && previous.assignment_id === row.assignment_id ? newest + 1 : 1;
      return {
        id: row.id,
        userId: row.user_id,
        assignmentId: row.assignment_id,
        status: row.status,
        error: row.error,
        createdAt: row.created_at,
        rawScore: row.raw_score,
        overrideScore: row.override_score,
        overrideComment: row.override_comment,
        newest,
      };
    });
  }

  /** Everyone with their submission counts, by name. */
  userSummaries(): UserSummary[] {
    const rows = this.db
      .prepare(
        `SELECT u.id, u.name, u.role, u.created_at,
           MAX(s.created_at) AS last_submission_at, COUNT(s.id) AS submissions, COUNT(DISTINCT s.assignment_id) AS assignments
         FROM users u LEFT JOIN submissions s ON s.user_id = u.id AND s.status != 'superseded'
         GROUP BY u.id ORDER BY u.name COLLATE NOCASE`,
      )
      .all() as { id: number; name: string; role: Role; created_at: number; last_submission_at: number | null; submissions: number; assignments: number }[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      createdAt: row.created_at,
      lastSubmissionAt: row.last_submission_at,
      submissions: row.submissions,
      assignments: row.assignments,
    }));
  }

  /** Students' graded submissions of one assignment with each test's status (no transcripts), newest first. */
  statsRows(assignmentId: string): StatsRow[] {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.user_id, s.created_at, json_extract(s.report, '$.score') AS raw_score, o.score AS override_score,
           (SELECT json_group_array(json_object('id', json_extract(t.value, '$.id'), 'name', json_extract(t.value, '$.name'),
                                                'status', json_extract(t.value, '$.status')))
              FROM json_each(s.report, '$.tests') t) AS tests,
           ROW_NUMBER() OVER (PARTITION BY s.user_id ORDER BY s.created_at DESC, s.rowid DESC) AS newest
         FROM submissions s JOIN users u ON u.id = s.user_id AND u.role = 'student' ${CURRENT_OVERRIDE}
         WHERE s.assignment_id = ? AND s.report IS NOT NULL AND s.status != 'superseded'
         ORDER BY s.created_at DESC, s.rowid DESC`,
      )
      .all(assignmentId) as { id: string; user_id: number; created_at: number; raw_score: number; override_score: number | null; tests: string; newest: number }[];
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      createdAt: row.created_at,
      rawScore: row.raw_score,
      overrideScore: row.override_score,
      tests: JSON.parse(row.tests) as StatsRow['tests'],
      newestGraded: row.newest === 1,
    }));
  }

  /** Submissions handed in since `sinceMs` (superseded ones included: they were handed in). */
  submittedSince(sinceMs: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM submissions WHERE created_at >= ?').get(sinceMs) as { n: number }).n;
  }
}

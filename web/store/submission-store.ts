import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { base64DecodedLength, type GradingJobProgress } from '../../grader/jobs.js';
import type { GradingReport } from '../../grader/report.js';

export type SubmissionStatus = 'queued' | 'running' | 'done' | 'error' | 'superseded';

export interface Submission {
  id: string;
  userId: number;
  assignmentId: string;
  status: SubmissionStatus;
  report: GradingReport | null;
  progress: GradingJobProgress | null;
  error: string | null;
  attempts: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** 0 for the first grading; each regrade adds one. Queue events of other generations are ignored. */
  generation: number;
  /** The whole-assignment regrade this submission's latest grading belongs to. */
  regradeId: number | null;
  /** The newer submission that replaced this one while it was still queued. */
  supersededBy: string | null;
}

/** Which grading an update is about, and when. */
export interface GradingStamp {
  /** @defaultValue 0 */
  generation?: number;
  /** @defaultValue Date.now() */
  now?: number;
}

interface SubmissionRow {
  id: string;
  user_id: number;
  assignment_id: string;
  status: SubmissionStatus;
  report: string | null;
  progress: string | null;
  error: string | null;
  attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  generation: number;
  regrade_id: number | null;
  superseded_by: string | null;
}

const COLUMNS =
  'id, user_id, assignment_id, status, report, progress, error, attempts, created_at, started_at, finished_at, generation, regrade_id, superseded_by';

/**
 * What the `files` column holds once a submission's files were dropped (it was superseded,
 * issue #12): an empty set, which no stored submission has otherwise (an upload needs a file).
 */
const DROPPED_FILES = '{}';

/** Bytes the files decode to: what a student's quota counts. */
function decodedBytes(files: Record<string, string>): number {
  return Object.values(files).reduce((sum, content) => sum + base64DecodedLength(content), 0);
}

/** 12 characters of `[A-Za-z0-9_-]`: unguessable, and unique across databases sharing one Redis. */
export function newSubmissionId(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * Submissions and their grading state. The API process is the only writer: the status
 * moves queued → running → done | error from queue events, and every update names the
 * states it may come from, so a late or replayed event never moves a submission back.
 */
export class SubmissionStore {
  constructor(private readonly db: Database.Database) {}

  create(input: { userId: number; assignmentId: string; files: Record<string, string> }, now = Date.now()): Submission {
    return this.createSuperseding({ ...input, supersede: false }, now).submission;
  }

  /**
   * Stores a new submission; with `supersede`, in the same transaction, the same student's
   * older submissions of this assignment that are still waiting for their first grading
   * become `superseded` (a class pushing every minute before a deadline must not flood the
   * queue) and their files are dropped (the row stays). Ones already running, and regrades,
   * are left alone. `only` narrows it to these ids: the ones whose job really left the
   * queue, so a job a worker already holds keeps its submission, and its place in the
   * per-student count, until it is graded.
   */
  createSuperseding(
    input: { userId: number; assignmentId: string; files: Record<string, string>; supersede: boolean; only?: readonly string[] },
    now = Date.now(),
  ): { submission: Submission; superseded: Submission[] } {
    const id = newSubmissionId();
    return this.db.transaction(() => {
      let superseded: Submission[] = [];
      if (input.supersede && (input.only === undefined || input.only.length > 0)) {
        const only = input.only === undefined ? '' : `AND id IN (${input.only.map(() => '?').join(', ')})`;
        superseded = (
          this.db
            .prepare(
              `UPDATE submissions SET status = 'superseded', superseded_by = ?, finished_at = ?, files = '${DROPPED_FILES}', files_bytes = 0
               WHERE user_id = ? AND assignment_id = ? AND status = 'queued' AND generation = 0 ${only}
               RETURNING ${COLUMNS}`,
            )
            .all(id, now, input.userId, input.assignmentId, ...(input.only ?? [])) as SubmissionRow[]
        ).map(fromRow);
      }
      this.db
        .prepare('INSERT INTO submissions (id, user_id, assignment_id, status, files, files_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.userId, input.assignmentId, 'queued', JSON.stringify(input.files), decodedBytes(input.files), now);
      return { submission: this.get(id)!, superseded };
    }).immediate();
  }

  /** The same student's submissions of an assignment that a new one would supersede: waiting for their first grading. */
  supersedable(userId: number, assignmentId: string): Submission[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM submissions WHERE user_id = ? AND assignment_id = ? AND status = 'queued' AND generation = 0 ORDER BY created_at, rowid`)
        .all(userId, assignmentId) as SubmissionRow[]
    ).map(fromRow);
  }

  /**
   * Submissions of a student waiting or being graded, over all assignments: all of them,
   * also the ones a new submission may supersede (issue #12: they leave the count only once
   * they really left the queue).
   */
  countInFlight(userId: number): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM submissions WHERE user_id = ? AND status IN ('queued', 'running')`).get(userId) as { n: number }).n;
  }

  /**
   * Decoded bytes of a student's stored submission files: what the per-student quota
   * counts. Dropped files count nothing, and neither do the submissions `leaving` (about to
   * be superseded in the same transaction as the new one).
   */
  storedBytes(userId: number, leaving: readonly string[] = []): number {
    const except = leaving.length ? `AND id NOT IN (${leaving.map(() => '?').join(', ')})` : '';
    return (this.db.prepare(`SELECT COALESCE(SUM(files_bytes), 0) AS n FROM submissions WHERE user_id = ? ${except}`).get(userId, ...leaving) as { n: number }).n;
  }

  /** When a student handed in this assignment since `sinceMs`, oldest first: for submission budgets. Superseded ones were never graded and do not count. */
  submittedSince(userId: number, assignmentId: string, sinceMs: number): number[] {
    return (
      this.db
        .prepare(
          `SELECT created_at FROM submissions WHERE user_id = ? AND assignment_id = ? AND created_at >= ? AND status != 'superseded' ORDER BY created_at`,
        )
        .all(userId, assignmentId, sinceMs) as { created_at: number }[]
    ).map((row) => row.created_at);
  }

  /**
   * Each student's latest submission of an assignment that counts (not superseded), newest
   * first by student name order of ids: what the gradebook shows and a regrade grades.
   */
  latestPerStudent(assignmentId?: string): Submission[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM submissions s
         WHERE status != 'superseded' ${assignmentId !== undefined ? 'AND assignment_id = @assignmentId' : ''}
           AND NOT EXISTS (
             SELECT 1 FROM submissions n
             WHERE n.user_id = s.user_id AND n.assignment_id = s.assignment_id AND n.status != 'superseded'
               AND (n.created_at > s.created_at OR (n.created_at = s.created_at AND n.rowid > s.rowid)))
         ORDER BY user_id, assignment_id`,
      )
      .all(assignmentId !== undefined ? { assignmentId } : {}) as SubmissionRow[];
    return rows.map(fromRow);
  }

  /** Each student's latest graded (`done`) submission per assignment: the score the gradebook shows while a newer one is in flight. */
  latestGradedPerStudent(): Submission[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM submissions s
         WHERE report IS NOT NULL AND status != 'superseded'
           AND NOT EXISTS (
             SELECT 1 FROM submissions n
             WHERE n.user_id = s.user_id AND n.assignment_id = s.assignment_id AND n.report IS NOT NULL AND n.status != 'superseded'
               AND (n.created_at > s.created_at OR (n.created_at = s.created_at AND n.rowid > s.rowid)))
         ORDER BY user_id, assignment_id`,
      )
      .all() as SubmissionRow[];
    return rows.map(fromRow);
  }

  /**
   * Queues a finished submission for grading again (a teacher fixed a test): a new
   * generation, so events of the previous grading can no longer touch it. The previous
   * report stays until the new one arrives. Null when it is not finished (queued,
   * running, superseded): it is graded with the current tests anyway, or never.
   */
  startRegrade(id: string, regradeId: number | null = null): Submission | null {
    const row = this.db
      .prepare(
        `UPDATE submissions SET status = 'queued', generation = generation + 1, regrade_id = ?, progress = NULL, attempts = 0
         WHERE id = ? AND status IN ('done', 'error') RETURNING ${COLUMNS}`,
      )
      .get(regradeId, id) as SubmissionRow | undefined;
    return row ? fromRow(row) : null;
  }

  get(id: string): Submission | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE id = ?`).get(id) as SubmissionRow | undefined;
    return row && fromRow(row);
  }

  /** The uploaded files, base64 by name, as the job carries them; undefined for an unknown id or dropped files (superseded). */
  files(id: string): Record<string, string> | undefined {
    const row = this.db.prepare('SELECT files FROM submissions WHERE id = ?').get(id) as { files: string } | undefined;
    if (!row || row.files === DROPPED_FILES) return undefined;
    return JSON.parse(row.files) as Record<string, string>;
  }

  /** Newest first; a student's own or, without `userId`, everyone's. */
  list(filter: { userId?: number; assignmentId?: string; limit?: number } = {}): Submission[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.userId !== undefined) {
      where.push('user_id = ?');
      args.push(filter.userId);
    }
    if (filter.assignmentId !== undefined) {
      where.push('assignment_id = ?');
      args.push(filter.assignmentId);
    }
    const sql = `SELECT ${COLUMNS} FROM submissions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 100) as SubmissionRow[]).map(fromRow);
  }

  /** Every submission not finished yet, oldest first: what a restart must make sure is queued. */
  unfinished(): Submission[] {
    return (
      this.db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE status IN ('queued', 'running') ORDER BY created_at, rowid`).all() as SubmissionRow[]
    ).map(fromRow);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
  }

  /** A worker took the job (again: after a retry or a crashed worker). */
  markRunning(id: string, stamp: GradingStamp = {}): boolean {
    return this.update(
      `UPDATE submissions SET status = 'running', started_at = ?, attempts = attempts + 1, progress = NULL
       WHERE id = ? AND generation = ? AND status IN ('queued', 'running')`,
      stamp.now ?? Date.now(),
      id,
      stamp.generation ?? 0,
    );
  }

  /** Back in the queue: a retry after our own fault, or a stalled job handed to another worker. */
  markQueued(id: string, reason: string | null = null, stamp: GradingStamp = {}): boolean {
    return this.update(
      `UPDATE submissions SET status = 'queued', progress = NULL, error = ? WHERE id = ? AND generation = ? AND status IN ('queued', 'running')`,
      reason,
      id,
      stamp.generation ?? 0,
    );
  }

  markProgress(id: string, progress: GradingJobProgress, stamp: GradingStamp = {}): boolean {
    return this.update(
      `UPDATE submissions SET progress = ? WHERE id = ? AND generation = ? AND status = 'running'`,
      JSON.stringify(progress),
      id,
      stamp.generation ?? 0,
    );
  }

  markDone(id: string, report: GradingReport, stamp: GradingStamp = {}): boolean {
    return this.update(
      `UPDATE submissions SET status = 'done', report = ?, error = NULL, progress = NULL, finished_at = ?
       WHERE id = ? AND generation = ? AND status IN ('queued', 'running', 'error')`,
      JSON.stringify(report),
      stamp.now ?? Date.now(),
      id,
      stamp.generation ?? 0,
    );
  }

  /** Grading could not run, after the last attempt: our fault, with the reason for the teacher. */
  markError(id: string, reason: string, stamp: GradingStamp = {}): boolean {
    return this.update(
      `UPDATE submissions SET status = 'error', error = ?, progress = NULL, finished_at = ?
       WHERE id = ? AND generation = ? AND status IN ('queued', 'running')`,
      reason,
      stamp.now ?? Date.now(),
      id,
      stamp.generation ?? 0,
    );
  }

  private update(sql: string, ...args: unknown[]): boolean {
    return this.db.prepare(sql).run(...args).changes > 0;
  }
}

function fromRow(row: SubmissionRow): Submission {
  return {
    id: row.id,
    userId: row.user_id,
    assignmentId: row.assignment_id,
    status: row.status,
    report: row.report === null ? null : (JSON.parse(row.report) as GradingReport),
    progress: row.progress === null ? null : (JSON.parse(row.progress) as GradingJobProgress),
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    generation: row.generation,
    regradeId: row.regrade_id,
    supersededBy: row.superseded_by,
  };
}

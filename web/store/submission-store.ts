import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { GradingJobProgress } from '../../grader/jobs.js';
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
}

const COLUMNS = 'id, user_id, assignment_id, status, report, progress, error, attempts, created_at, started_at, finished_at';

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
    const id = newSubmissionId();
    this.db
      .prepare('INSERT INTO submissions (id, user_id, assignment_id, status, files, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, input.userId, input.assignmentId, 'queued', JSON.stringify(input.files), now);
    return this.get(id)!;
  }

  get(id: string): Submission | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE id = ?`).get(id) as SubmissionRow | undefined;
    return row && fromRow(row);
  }

  /** The uploaded files, base64 by name, as the job carries them. */
  files(id: string): Record<string, string> | undefined {
    const row = this.db.prepare('SELECT files FROM submissions WHERE id = ?').get(id) as { files: string } | undefined;
    return row && (JSON.parse(row.files) as Record<string, string>);
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
  markRunning(id: string, now = Date.now()): boolean {
    return this.update(
      `UPDATE submissions SET status = 'running', started_at = ?, attempts = attempts + 1, progress = NULL
       WHERE id = ? AND status IN ('queued', 'running')`,
      now,
      id,
    );
  }

  /** Back in the queue: a retry after our own fault, or a stalled job handed to another worker. */
  markQueued(id: string, reason: string | null = null): boolean {
    return this.update(`UPDATE submissions SET status = 'queued', progress = NULL, error = ? WHERE id = ? AND status IN ('queued', 'running')`, reason, id);
  }

  markProgress(id: string, progress: GradingJobProgress): boolean {
    return this.update(`UPDATE submissions SET progress = ? WHERE id = ? AND status = 'running'`, JSON.stringify(progress), id);
  }

  markDone(id: string, report: GradingReport, now = Date.now()): boolean {
    return this.update(
      `UPDATE submissions SET status = 'done', report = ?, error = NULL, progress = NULL, finished_at = ?
       WHERE id = ? AND status IN ('queued', 'running', 'error')`,
      JSON.stringify(report),
      now,
      id,
    );
  }

  /** Grading could not run, after the last attempt: our fault, with the reason for the teacher. */
  markError(id: string, reason: string, now = Date.now()): boolean {
    return this.update(
      `UPDATE submissions SET status = 'error', error = ?, progress = NULL, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
      reason,
      now,
      id,
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
  };
}

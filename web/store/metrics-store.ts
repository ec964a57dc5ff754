import type Database from 'better-sqlite3';
import type { SubmissionStatus } from './submission-store.js';

/** The times of one finished grading, in ms since the epoch. */
export interface FinishedTimes {
  createdAt: number;
  startedAt: number | null;
  finishedAt: number;
  /** Graded again by a teacher's regrade: `createdAt` is still the original upload's. */
  regraded: boolean;
}

type RawTimes = Omit<FinishedTimes, 'regraded'> & { regraded: number };
const fromRaw = (row: RawTimes): FinishedTimes => ({ ...row, regraded: row.regraded === 1 });

const STATUSES: readonly SubmissionStatus[] = ['queued', 'running', 'done', 'error', 'superseded'];

/**
 * "Finished" is `done` or `error`: both have left the queue for good (an `error` is our
 * fault after the last retry, and its wait counts as much as a score's).
 */
const FINISHED = `status IN ('done', 'error') AND finished_at IS NOT NULL`;
const TIMES = 'created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt, generation > 0 AS regraded';

/**
 * The read-only queries behind `/api/metrics`. `finished_at` has no index: a scan of a
 * class's submissions (thousands, not millions) takes a millisecond or two, and the
 * schema steps are not ours to extend for a dashboard.
 */
export class MetricsStore {
  constructor(private readonly db: Database.Database) {}

  /** Every status with its count, zeros included. */
  countByStatus(): Record<SubmissionStatus, number> {
    const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<SubmissionStatus, number>;
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM submissions GROUP BY status').all() as { status: SubmissionStatus; n: number }[];
    for (const { status, n } of rows) counts[status] = n;
    return counts;
  }

  /** Gradings that finished at or after `since`. */
  finishedSince(since: number): FinishedTimes[] {
    return (this.db.prepare(`SELECT ${TIMES} FROM submissions WHERE ${FINISHED} AND finished_at >= ?`).all(since) as RawTimes[]).map(fromRaw);
  }

  /** The `limit` gradings that finished last. */
  lastFinished(limit: number): FinishedTimes[] {
    return (
      this.db.prepare(`SELECT ${TIMES} FROM submissions WHERE ${FINISHED} ORDER BY finished_at DESC, rowid DESC LIMIT ?`).all(limit) as RawTimes[]
    ).map(fromRaw);
  }

  /**
   * The `timings.phases` of the `limit` reports stored last (issue #11), newest first;
   * reports without timings (verdicts without a run, older reports) are left out. The
   * report is JSON text: SQLite's `json_extract` reads the phases without parsing the rest.
   */
  lastPhases(limit: number): unknown[] {
    const rows = this.db
      .prepare(
        `SELECT json_extract(report, '$.timings.phases') AS phases FROM submissions
         WHERE status = 'done' AND finished_at IS NOT NULL AND json_valid(report) AND json_type(report, '$.timings.phases') = 'array'
         ORDER BY finished_at DESC, rowid DESC LIMIT ?`,
      )
      .all(limit) as { phases: string }[];
    return rows.map((row) => JSON.parse(row.phases) as unknown);
  }

  countFinishedSince(since: number): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM submissions WHERE ${FINISHED} AND finished_at >= ?`).get(since) as { n: number }).n;
  }
}

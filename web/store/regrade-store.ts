import type Database from 'better-sqlite3';

export interface Regrade {
  id: number;
  assignmentId: string;
  requestedBy: number;
  /** Submissions queued again by this regrade. */
  total: number;
  /** Latest submissions left out because they were still waiting or being graded (they get the current tests anyway). */
  skipped: number;
  createdAt: number;
}

/** How far a regrade is: counted from its submissions' states, so it needs no bookkeeping of its own. */
export interface RegradeProgress {
  done: number;
  failed: number;
  pending: number;
  /** Submissions regraded again by a later regrade: they count there. */
  takenOver: number;
}

interface RegradeRow {
  id: number;
  assignment_id: string;
  requested_by: number;
  total: number;
  skipped: number;
  created_at: number;
}

/** Whole-assignment regrades a teacher started. */
export class RegradeStore {
  constructor(private readonly db: Database.Database) {}

  create(input: { assignmentId: string; requestedBy: number; total: number; skipped: number }, now = Date.now()): Regrade {
    const result = this.db
      .prepare('INSERT INTO regrades (assignment_id, requested_by, total, skipped, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.assignmentId, input.requestedBy, input.total, input.skipped, now);
    return this.get(Number(result.lastInsertRowid))!;
  }

  /** Sets the total once the submissions are counted (inside the caller's transaction). */
  setTotal(id: number, total: number): void {
    this.db.prepare('UPDATE regrades SET total = ? WHERE id = ?').run(total, id);
  }

  get(id: number): Regrade | undefined {
    const row = this.db.prepare('SELECT * FROM regrades WHERE id = ?').get(id) as RegradeRow | undefined;
    return row && fromRow(row);
  }

  /** Newest first. */
  list(limit = 50): Regrade[] {
    return (this.db.prepare('SELECT * FROM regrades ORDER BY id DESC LIMIT ?').all(limit) as RegradeRow[]).map(fromRow);
  }

  progress(regrade: Regrade): RegradeProgress {
    const counts = this.db
      .prepare(
        `SELECT SUM(status = 'done') AS done, SUM(status = 'error') AS failed, SUM(status IN ('queued', 'running')) AS pending
         FROM submissions WHERE regrade_id = ?`,
      )
      .get(regrade.id) as { done: number | null; failed: number | null; pending: number | null };
    const done = counts.done ?? 0;
    const failed = counts.failed ?? 0;
    const pending = counts.pending ?? 0;
    return { done, failed, pending, takenOver: Math.max(0, regrade.total - done - failed - pending) };
  }

  /** Runs `fn` in one write transaction: a regrade's row and its submissions change together. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}

function fromRow(row: RegradeRow): Regrade {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    requestedBy: row.requested_by,
    total: row.total,
    skipped: row.skipped,
    createdAt: row.created_at,
  };
}

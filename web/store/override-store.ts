import type Database from 'better-sqlite3';

/** A teacher's manual score for one submission, kept beside the automatic score (issue #9). */
export interface ScoreOverride {
  id: number;
  submissionId: string;
  score: number;
  comment: string;
  /** The override this one replaced, or null when the automatic score counted before. */
  previousScore: number | null;
  setBy: number;
  setAt: number;
  /** Set once undone: the row stays, so the history shows who set and who took back what. */
  undoneBy: number | null;
  undoneAt: number | null;
}

interface OverrideRow {
  id: number;
  submission_id: string;
  score: number;
  comment: string;
  previous_score: number | null;
  set_by: number;
  set_at: number;
  undone_by: number | null;
  undone_at: number | null;
}

const CURRENT = 'undone_at IS NULL';

/**
 * Overrides as a stack per submission: setting one pushes a row, undoing marks the newest
 * live row undone, so the one below (or the automatic score) counts again. Nothing is
 * ever deleted or written into the graded report; a regrade replaces the report and the
 * override stays.
 */
export class OverrideStore {
  constructor(private readonly db: Database.Database) {}

  /** The override that counts now, if any. */
  current(submissionId: string): ScoreOverride | undefined {
    const row = this.db
      .prepare(`SELECT * FROM score_overrides WHERE submission_id = ? AND ${CURRENT} ORDER BY id DESC LIMIT 1`)
      .get(submissionId) as OverrideRow | undefined;
    return row && fromRow(row);
  }

  /** The current override of each of `submissionIds` that has one: for listings, in one query. */
  currentOf(submissionIds: readonly string[]): Map<string, ScoreOverride> {
    const found = new Map<string, ScoreOverride>();
    if (submissionIds.length === 0) return found;
    const rows = this.db
      .prepare(
        `SELECT o.* FROM score_overrides o JOIN json_each(?) wanted ON wanted.value = o.submission_id
         WHERE o.${CURRENT} AND NOT EXISTS (SELECT 1 FROM score_overrides n WHERE n.submission_id = o.submission_id AND n.${CURRENT} AND n.id > o.id)`,
      )
      .all(JSON.stringify(submissionIds)) as OverrideRow[];
    for (const row of rows) found.set(row.submission_id, fromRow(row));
    return found;
  }

  /** Every override ever set on the submission, oldest first, undone ones included. */
  history(submissionId: string): ScoreOverride[] {
    return (this.db.prepare('SELECT * FROM score_overrides WHERE submission_id = ? ORDER BY id').all(submissionId) as OverrideRow[]).map(fromRow);
  }

  set(input: { submissionId: string; score: number; comment: string; setBy: number }, now = Date.now()): ScoreOverride {
    return this.db
      .transaction(() => {
        const previous = this.current(input.submissionId);
        const result = this.db
          .prepare('INSERT INTO score_overrides (submission_id, score, comment, previous_score, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(input.submissionId, input.score, input.comment, previous?.score ?? null, input.setBy, now);
        return fromRow(this.db.prepare('SELECT * FROM score_overrides WHERE id = ?').get(result.lastInsertRowid) as OverrideRow);
      })
      .immediate();
  }

  /** Undoes the current override; the previous one (or the automatic score) counts again. Undefined when there was none. */
  undo(submissionId: string, undoneBy: number, now = Date.now()): ScoreOverride | undefined {
    const row = this.db
      .prepare(
        `UPDATE score_overrides SET undone_by = ?, undone_at = ?
         WHERE id = (SELECT id FROM score_overrides WHERE submission_id = ? AND ${CURRENT} ORDER BY id DESC LIMIT 1)
         RETURNING *`,
      )
      .get(undoneBy, now, submissionId) as OverrideRow | undefined;
    return row && fromRow(row);
  }
}

function fromRow(row: OverrideRow): ScoreOverride {
  return {
    id: row.id,
    submissionId: row.submission_id,
    score: row.score,
    comment: row.comment,
    previousScore: row.previous_score,
    setBy: row.set_by,
    setAt: row.set_at,
    undoneBy: row.undone_by,
    undoneAt: row.undone_at,
  };
}

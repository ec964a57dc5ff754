import type Database from 'better-sqlite3';

/** A repository on hosted git whose pushes are a student's submissions of an assignment (issue #10). */
export interface PushHook {
  id: number;
  repositoryUrl: string;
  userId: number;
  assignmentId: string;
  /** The webhook's secret: the HMAC key (GitHub, Gitea) or the token (GitLab). */
  secret: string;
  createdBy: number;
  createdAt: number;
}

interface PushHookRow {
  id: number;
  repository_url: string;
  user_id: number;
  assignment_id: string;
  secret: string;
  created_by: number;
  created_at: number;
}

const COLUMNS = 'id, repository_url, user_id, assignment_id, secret, created_by, created_at';

const fromRow = (row: PushHookRow): PushHook => ({
  id: row.id,
  repositoryUrl: row.repository_url,
  userId: row.user_id,
  assignmentId: row.assignment_id,
  secret: row.secret,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/** Registered repositories and the deliveries already taken from each. */
export class PushHookStore {
  constructor(private readonly db: Database.Database) {}

  /** Null when the URL is registered already. */
  create(input: Omit<PushHook, 'id' | 'createdAt'>, now = Date.now()): PushHook | null {
    const row = this.db
      .prepare(
        `INSERT INTO push_hooks (repository_url, user_id, assignment_id, secret, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (repository_url) DO NOTHING RETURNING ${COLUMNS}`,
      )
      .get(input.repositoryUrl, input.userId, input.assignmentId, input.secret, input.createdBy, now) as PushHookRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** The first of `urls` that is registered (a push event names its repository in several ways). */
  byUrl(urls: readonly string[]): PushHook | undefined {
    const statement = this.db.prepare(`SELECT ${COLUMNS} FROM push_hooks WHERE repository_url = ?`);
    for (const url of urls) {
      const row = statement.get(url) as PushHookRow | undefined;
      if (row) return fromRow(row);
    }
    return undefined;
  }

  list(): PushHook[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM push_hooks ORDER BY id`).all() as PushHookRow[]).map(fromRow);
  }

  /** Notes a delivery; false when this repository's delivery id was seen before (a replay). */
  recordDelivery(hookId: number, deliveryId: string, now = Date.now()): boolean {
    return this.db.prepare('INSERT INTO push_deliveries (hook_id, delivery_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(hookId, deliveryId, now).changes > 0;
  }

  /** Forgets a delivery that could not be graded (the fetch failed), so the host's redelivery is taken. */
  forgetDelivery(hookId: number, deliveryId: string): void {
    this.db.prepare('DELETE FROM push_deliveries WHERE hook_id = ? AND delivery_id = ?').run(hookId, deliveryId);
  }
}

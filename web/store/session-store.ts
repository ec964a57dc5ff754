import type Database from 'better-sqlite3';
import type { User } from './user-store.js';

/** A browser session as the database keeps it: never the session id itself, only its hash. */
export interface SessionRecord {
  idHash: string;
  user: User;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

interface SessionRow {
  id_hash: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  user_id: number;
  name: string;
  role: User['role'];
}

/**
 * Browser sessions (`sessions`, schema step 2). Expired rows are deleted lazily: the one
 * looked up when it turns out to be expired, and all of them whenever a session starts,
 * so the table never outgrows the sessions of the last idle period.
 */
export class SessionStore {
  constructor(private readonly db: Database.Database) {}

  create(input: { idHash: string; userId: number; csrfToken: string; expiresAt: number }, now = Date.now()): void {
    this.deleteExpired(now);
    this.db
      .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.idHash, input.userId, input.csrfToken, now, input.expiresAt);
  }

  /** The live session with this hash and its user; an expired one is deleted and not returned. */
  get(idHash: string, now = Date.now()): SessionRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT s.id_hash, s.csrf_token, s.created_at, s.expires_at, u.id AS user_id, u.name, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`,
      )
      .get(idHash) as SessionRow | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.delete(idHash);
      return undefined;
    }
    return {
      idHash: row.id_hash,
      user: { id: row.user_id, name: row.name, role: row.role },
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /** Moves the expiry (the idle deadline slides with use). */
  extend(idHash: string, expiresAt: number): void {
    this.db.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?').run(expiresAt, idHash);
  }

  delete(idHash: string): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash).changes > 0;
  }

  /** Removes every session past its expiry (uses the `sessions_by_expiry` index); returns how many. */
  deleteExpired(now = Date.now()): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
  }
}

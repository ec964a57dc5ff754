import type Database from 'better-sqlite3';

export type Role = 'student' | 'teacher';

export interface User {
  id: number;
  name: string;
  role: Role;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string | null;
}

/** Users and their API tokens (stored as SHA-256 hashes: a token is a long random secret). */
export class UserStore {
  constructor(private readonly db: Database.Database) {}

  create(input: { name: string; role: Role; passwordHash?: string | null }): User {
    const result = this.db
      .prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(input.name, input.role, input.passwordHash ?? null, Date.now());
    return { id: Number(result.lastInsertRowid), name: input.name, role: input.role };
  }

  byName(name: string): (User & { passwordHash: string | null }) | undefined {
    const row = this.db.prepare('SELECT id, name, role, password_hash FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row && { id: row.id, name: row.name, role: row.role, passwordHash: row.password_hash };
  }

  byId(id: number): User | undefined {
    return this.db.prepare('SELECT id, name, role FROM users WHERE id = ?').get(id) as User | undefined;
  }

  addToken(userId: number, tokenHash: string, label: string): void {
    this.db
      .prepare('INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING')
      .run(userId, tokenHash, label, Date.now());
  }

  /** The owner of a token, by the token's hash. */
  byTokenHash(tokenHash: string): User | undefined {
    return this.db
      .prepare('SELECT u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?')
      .get(tokenHash) as User | undefined;
  }

  /** Everyone with `role`, by name. */
  list(role?: Role): User[] {
    const sql = `SELECT id, name, role FROM users ${role ? 'WHERE role = ?' : ''} ORDER BY name COLLATE NOCASE`;
    return this.db.prepare(sql).all(...(role ? [role] : [])) as User[];
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  /**
   * A teacher's roster import (issue #9): all users or none, in one transaction. A name
   * taken meanwhile (names are unique, case-insensitively) throws and creates nothing.
   */
  createMany(inputs: readonly { name: string; role: Role; passwordHash: string | null }[]): User[] {
    return this.db.transaction(() => inputs.map((input) => this.create(input))).immediate();
  }

  /** A new password (a teacher's reset): the user's browser sessions end with the old one. */
  setPasswordHash(id: number, passwordHash: string): boolean {
    return this.db
      .transaction(() => {
        const changed = this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes > 0;
        this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
        return changed;
      })
      .immediate();
  }
}

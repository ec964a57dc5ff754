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

/** An API token as its owner may see it: never the token or its hash. Times in ms since the epoch. */
export interface TokenInfo {
  id: number;
  label: string;
  createdAt: number;
  /** null: never expires (tokens a teacher hands over, the service's own). */
  expiresAt: number | null;
  lastUsedAt: number | null;
}

/** A token looked up by its hash, with what decides whether it still works. */
export interface TokenRecord extends TokenInfo {
  user: User;
  revokedAt: number | null;
}

interface TokenRow {
  id: number;
  label: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

const tokenInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  label: row.label,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
});

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

  /**
   * Replaces a password hash (a cost upgrade at sign-in), only if it is still `old`: a
   * password changed meanwhile is not overwritten with the previous one.
   */
  replacePasswordHash(userId: number, old: string, next: string): boolean {
    return this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(next, userId, old).changes > 0;
  }

  /** A new token; the same hash twice is kept once. Returns the token's id. */
  addToken(userId: number, tokenHash: string, label: string, expiresAt: number | null = null, now = Date.now()): number {
    this.db
      .prepare('INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING')
      .run(userId, tokenHash, label, now, expiresAt);
    return (this.db.prepare('SELECT id FROM api_tokens WHERE token_hash = ?').get(tokenHash) as { id: number }).id;
  }

  /** The token with this hash and its owner, revoked or expired ones included (so the 401 can say which). */
  tokenByHash(tokenHash: string): TokenRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT t.id, t.label, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, u.id AS user_id, u.name, u.role
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
      )
      .get(tokenHash) as (TokenRow & { user_id: number; name: string; role: Role }) | undefined;
    return row && { ...tokenInfo(row), revokedAt: row.revoked_at, user: { id: row.user_id, name: row.name, role: row.role } };
  }

  /** The owner of a token that still works (not revoked, not expired), by the token's hash. */
  byTokenHash(tokenHash: string, now = Date.now()): User | undefined {
    const token = this.tokenByHash(tokenHash);
    return token && token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now) ? token.user : undefined;
  }

  /** A user's tokens that are not revoked (expired ones too, so they can be cleaned up), oldest first. */
  listTokens(userId: number): TokenInfo[] {
    const rows = this.db
      .prepare('SELECT id, label, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id')
      .all(userId) as TokenRow[];
    return rows.map(tokenInfo);
  }

  /** Revokes the user's own token `tokenId`; false when it is not theirs, unknown, or already revoked. */
  revokeToken(userId: number, tokenId: number, now = Date.now()): boolean {
    return this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL').run(now, tokenId, userId).changes > 0;
  }

  /** Revokes the user's live tokens with `label` except the one hashed `keepHash`; returns how many. */
  revokeLabelled(userId: number, label: string, keepHash: string | null, now = Date.now()): number {
    return this.db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND label = ? AND revoked_at IS NULL AND token_hash IS NOT ?')
      .run(now, userId, label, keepHash).changes;
  }

  /** A user's tokens that still work. */
  countLiveTokens(userId: number, now = Date.now()): number {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)')
        .get(userId, now) as { n: number }
    ).n;
  }

  /**
   * Deletes tokens revoked or expired before `before`: until then their rows let the 401
   * say "revoked"/"expired"; after, a script that kept an old token hears "not valid".
   * Returns how many.
   */
  deleteDeadTokens(before: number): number {
    return this.db
      .prepare('DELETE FROM api_tokens WHERE (revoked_at IS NOT NULL AND revoked_at < ?) OR (expires_at IS NOT NULL AND expires_at < ?)')
      .run(before, before).changes;
  }

  /** Notes a token's use. */
  touchToken(tokenId: number, now = Date.now()): void {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, tokenId);
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

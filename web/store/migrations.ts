import type Database from 'better-sqlite3';

/**
 * The schema, one step per release, applied in order inside a transaction. The step
 * count is the database's `user_version`; a step, once released, is never edited:
 * changes are new steps.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('student', 'teacher')),
    password_hash TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
  );
  CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    assignment_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'error', 'superseded')),
    files TEXT NOT NULL,
    report TEXT,
    progress TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER
  );
  CREATE INDEX submissions_by_user ON submissions (user_id, assignment_id, created_at);
  CREATE INDEX submissions_unfinished ON submissions (status) WHERE status IN ('queued', 'running');
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: regrades (a generation per grading of a submission), superseding, browser sessions.
  `
  CREATE TABLE regrades (
    id INTEGER PRIMARY KEY,
    assignment_id TEXT NOT NULL,
    requested_by INTEGER NOT NULL REFERENCES users(id),
    total INTEGER NOT NULL,
    skipped INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  ALTER TABLE submissions ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE submissions ADD COLUMN regrade_id INTEGER REFERENCES regrades(id);
  ALTER TABLE submissions ADD COLUMN superseded_by TEXT;
  CREATE INDEX submissions_by_regrade ON submissions (regrade_id) WHERE regrade_id IS NOT NULL;
  CREATE INDEX submissions_by_assignment ON submissions (assignment_id, created_at);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  `,
  // 3 (issue #12, secauth): API tokens expire and can be revoked (the row stays, so the
  // 401 can say why); the last use is noted for `GET /api/tokens`.
  `
  ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
  ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;
  ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
  CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);
  `,
  // 4 (issue #12, per-student caps): the decoded bytes of each submission's files, for the
  // per-student disk quota (old rows: estimated from the base64), and the files of
  // superseded submissions dropped (`{}`: never graded, so never needed again; the row stays).
  `
  ALTER TABLE submissions ADD COLUMN files_bytes INTEGER NOT NULL DEFAULT 0;
  UPDATE submissions SET files_bytes = LENGTH(files) * 3 / 4;
  UPDATE submissions SET files = '{}', files_bytes = 0 WHERE status = 'superseded';
  `,
  // 5 (issue #9, dashteacher): teachers' manual score overrides, beside the automatic score,
  // never in the report. One row per override set; undoing marks the row undone, so the
  // history stays.
  `
  CREATE TABLE score_overrides (
    id INTEGER PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    score REAL NOT NULL,
    comment TEXT NOT NULL,
    previous_score REAL,
    set_by INTEGER NOT NULL REFERENCES users(id),
    set_at INTEGER NOT NULL,
    undone_by INTEGER REFERENCES users(id),
    undone_at INTEGER
  );
  CREATE INDEX score_overrides_current ON score_overrides (submission_id, id) WHERE undone_at IS NULL;
  `,
  // (issue #10, gitpush): push webhooks from hosted git. A teacher maps a repository URL to
  // a student and an assignment with a secret (kept as it is: an HMAC needs it); each
  // delivery id is kept per repository, so a replayed delivery is refused.
  `
  CREATE TABLE push_hooks (
    id INTEGER PRIMARY KEY,
    repository_url TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    assignment_id TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
  );
  CREATE TABLE push_deliveries (
    hook_id INTEGER NOT NULL REFERENCES push_hooks(id) ON DELETE CASCADE,
    delivery_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (hook_id, delivery_id)
  );
  `,
];

/** Brings the schema up to date; a database newer than this code is refused. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The database has schema version ${current}, newer than this sockgrade knows (${MIGRATIONS.length}): update sockgrade.`);
  }
  const apply = db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  apply.immediate();
}

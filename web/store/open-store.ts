import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MetaStore } from './meta-store.js';
import { MetricsStore } from './metrics-store.js';
import { CourseStore } from './course-store.js';
import { OverrideStore } from './override-store.js';
import { PushHookStore } from './push-hook-store.js';
import { migrate } from './migrations.js';
import { SessionStore } from './session-store.js';
import { RegradeStore } from './regrade-store.js';
import { SubmissionStore } from './submission-store.js';
import { UserStore } from './user-store.js';

export interface Store {
  users: UserStore;
  submissions: SubmissionStore;
  regrades: RegradeStore;
  meta: MetaStore;
  sessions: SessionStore;
  /** Read-only figures for `/api/metrics`. */
  metrics: MetricsStore;
  /** Teachers' manual scores beside the automatic ones (issue #9). */
  overrides: OverrideStore;
  /** Read-only set-based queries for the teacher's pages: gradebook, stats, users (issue #9). */
  course: CourseStore;
  /** Push webhooks' repositories and deliveries (issue #10). */
  pushHooks: PushHookStore;
  /** A trivial query: for `/healthz`. */
  ping(): void;
  close(): void;
}

/**
 * Opens (creating when missing) the SQLite database at `path`, or `:memory:` for tests.
 * WAL lets readers run while the single writer (this process) writes; `synchronous =
 * NORMAL` is durable across a process crash in WAL mode, which is what we need.
 */
export function openStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return {
    users: new UserStore(db),
    submissions: new SubmissionStore(db),
    regrades: new RegradeStore(db),
    meta: new MetaStore(db),
    sessions: new SessionStore(db),
    metrics: new MetricsStore(db),
    overrides: new OverrideStore(db),
    course: new CourseStore(db),
    pushHooks: new PushHookStore(db),
    ping: () => void db.prepare('SELECT 1').get(),
    close: () => db.close(),
  };
}

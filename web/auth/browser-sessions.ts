import { createHash, randomBytes } from 'node:crypto';
import type { SessionStore, User } from '../store/index.js';

export interface SessionPolicy {
  /**
   * A session unused for this long ends: a school computer left signed in is safe after
   * a lesson plus a break, and a student working through an evening stays signed in.
   * @defaultValue 12 hours
   */
  idleMs: number;
  /**
   * A session ends this long after sign-in however much it is used, so a stolen cookie
   * is not good forever. @defaultValue 7 days
   */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 12 * 3600_000, absoluteMs: 7 * 24 * 3600_000 };

/** The idle deadline moves at most once a minute: one write per minute of use, not per request. */
const EXTEND_STEP_MS = 60_000;

/** A signed-in browser, as a request sees it. */
export interface ActiveSession {
  idHash: string;
  user: User;
  csrfToken: string;
}

/** Session ids are 256 random bits: a fast hash is enough (as for API tokens), and a database leak reveals no live cookie. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** Starts, resumes and ends browser sessions; the store keeps only hashes of the ids. */
export class BrowserSessions {
  readonly policy: SessionPolicy;

  constructor(
    private readonly store: SessionStore,
    policy: Partial<SessionPolicy> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.policy = { ...DEFAULT_SESSION_POLICY, ...policy };
  }

  /** A new session: the id goes into the cookie (kept for the absolute lifetime), the CSRF token to the page. */
  start(userId: number): { id: string; csrfToken: string; cookieMaxAgeMs: number } {
    const now = this.now();
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    this.store.create({ idHash: hashSessionId(id), userId, csrfToken, expiresAt: now + Math.min(this.policy.idleMs, this.policy.absoluteMs) }, now);
    // The cookie lives as long as the session could; the idle limit is the server's to enforce.
    return { id, csrfToken, cookieMaxAgeMs: this.policy.absoluteMs };
  }

  /** The live session of this id, its idle deadline moved on; undefined when unknown or expired. */
  resume(id: string): ActiveSession | undefined {
    const now = this.now();
    const session = this.store.get(hashSessionId(id), now);
    if (!session) return undefined;
    const expiresAt = Math.min(now + this.policy.idleMs, session.createdAt + this.policy.absoluteMs);
    if (expiresAt - session.expiresAt >= EXTEND_STEP_MS) this.store.extend(session.idHash, expiresAt);
    return { idHash: session.idHash, user: session.user, csrfToken: session.csrfToken };
  }

  /** Ends the session a cookie names, live or not. */
  end(id: string): void {
    this.store.delete(hashSessionId(id));
  }

  revoke(session: Pick<ActiveSession, 'idHash'>): void {
    this.store.delete(session.idHash);
  }
}

export interface LoginThrottleOptions {
  /** Password attempts one name may make per window. @defaultValue 5 */
  maxAttempts?: number;
  /** @defaultValue 15 minutes */
  windowMs?: number;
  /** Names remembered at most; past this the oldest are forgotten. @defaultValue 10 000 */
  maxNames?: number;
  /** @defaultValue `Date.now` */
  now?: () => number;
}

/**
 * Slows down password guessing: a name that has made `maxAttempts` failed (or
 * unfinished) attempts within `windowMs` is refused until the oldest of them leaves the
 * window; a correct password clears its record.
 *
 * Counted per name, not per address: a whole class signs in from behind one school NAT
 * address, and one student's typos must not lock out the others. The price is that
 * anyone can lock a name out for 15 minutes by guessing wrong; the student's API token
 * keeps working meanwhile. Unknown names are counted like known ones, so the 429 tells
 * nothing about which names exist.
 *
 * In memory: the API is one process (the database's single writer), and a restart
 * granting an attacker 5 more guesses per restart is no real help against scrypt-hashed
 * passwords, while a database write per failed attempt would be.
 */
export class LoginThrottle {
  private readonly maxAttempts: number;
  private readonly windowMs: number;
  private readonly maxNames: number;
  private readonly now: () => number;
  /** Attempt times by lower-cased name (names are case-insensitive in the database). */
  private readonly attempts = new Map<string, number[]>();

  constructor(opts: LoginThrottleOptions = {}) {
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.maxNames = opts.maxNames ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Call before checking the password. Returns 0 and counts the attempt (as failed until
   * `succeeded`: so parallel guesses count too), or the ms to wait when the name has none left.
   */
  begin(name: string): number {
    const now = this.now();
    const key = name.toLowerCase();
    const recent = (this.attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
    const refused = recent.length >= this.maxAttempts;
    if (!refused) recent.push(now);
    // Re-inserted last, refused or not: the Map's order is least recently tried first, so
    // a name under attack is the last to be forgotten.
    this.attempts.delete(key);
    this.attempts.set(key, recent);
    this.forgetOld(now);
    return refused ? recent[recent.length - this.maxAttempts]! + this.windowMs - now : 0;
  }

  succeeded(name: string): void {
    this.attempts.delete(name.toLowerCase());
  }

  private forgetOld(now: number): void {
    if (this.attempts.size <= this.maxNames) return;
    for (const [key, times] of this.attempts) {
      if (times[times.length - 1]! <= now - this.windowMs) this.attempts.delete(key);
    }
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= this.maxNames) break;
      this.attempts.delete(key);
    }
  }
}

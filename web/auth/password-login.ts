import { ServiceBusyError, TooManyRequestsError, UnauthenticatedError } from '../errors.js';
import type { User, UserStore } from '../store/index.js';
import { throttleKeyOf } from './client-address.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';

function inMinutes(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Name and password in, the user out: what `POST /api/session` (and `POST /api/tokens`,
 * the same check) does. One instance per app, so both share the throttle and the
 * hashing bound: guessing through either counts against the same limits.
 */
export class PasswordLogin {
  constructor(
    private readonly users: UserStore,
    private readonly throttle: LoginThrottle = new LoginThrottle(),
    private readonly hasher: PasswordHasher = new PasswordHasher(),
  ) {}

  /**
   * 429 `TOO_MANY_ATTEMPTS` (with its wait) when the name or the client address has no
   * attempts left, before any hashing; 503 `BUSY` when too many hashes are queued; 401
   * "Wrong name or password." for a wrong password and an unknown name alike. An unknown
   * name (or a user without a password) is checked against a dummy hash of today's cost,
   * so the answer takes as long and its timing tells nothing about which names exist.
   * A right password stored with a lower cost than today's is hashed again and stored.
   */
  async check(name: string, password: string, address: string): Promise<User> {
    const verdict = this.throttle.begin(name, throttleKeyOf(address));
    if (!verdict.allowed) {
      const wait = inMinutes(verdict.waitMs);
      const message = {
        name: `Too many wrong passwords for \`${name}\`: try again in ${wait}. If you forgot your password, ask your teacher.`,
        address: `Too many wrong sign-ins from your network address: try again in ${wait}.`,
        full: `Too many sign-ins are being tried right now: try again in ${wait}.`,
      }[verdict.reason];
      throw new TooManyRequestsError(message, verdict.waitMs / 1000, 'TOO_MANY_ATTEMPTS');
    }
    const user = this.users.byName(name);
    const stored = user?.passwordHash ?? this.hasher.dummyHash;
    const ok = await this.hasher.verify(password, stored).catch((error: unknown) => {
      // 503 BUSY: nothing was checked, so a retry later must not find this counted as a wrong guess.
      if (error instanceof ServiceBusyError) this.throttle.withdraw(verdict.attempt);
      throw error;
    });
    if (!user || !user.passwordHash || !ok) throw new UnauthenticatedError('Wrong name or password.');
    this.throttle.succeeded(verdict.attempt);
    if (this.hasher.needsRehash(user.passwordHash)) await this.upgrade(user.id, user.passwordHash, password);
    return { id: user.id, name: user.name, role: user.role };
  }

  /** Stores the password again at today's cost. Busy now: left for the next sign-in, which still works with the old hash. */
  private async upgrade(userId: number, old: string, password: string): Promise<void> {
    try {
      this.users.replacePasswordHash(userId, old, await this.hasher.hash(password));
    } catch (error) {
      if (!(error instanceof ServiceBusyError)) throw error;
    }
  }
}

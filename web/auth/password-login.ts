import { TooManyRequestsError, UnauthenticatedError } from '../errors.js';
import type { User, UserStore } from '../store/index.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';

/**
 * Name and password in, the user out: what `POST /api/session` (and `POST /api/tokens`,
 * the same check) does. One instance per app, so both share the throttle: guessing
 * through either counts against the same 5 attempts.
 */
export class PasswordLogin {
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly users: UserStore,
    private readonly throttle: LoginThrottle = new LoginThrottle(),
  ) {}

  /**
   * 429 `TOO_MANY_ATTEMPTS` (with its wait) when the name has no attempts left, before
   * any hashing; 401 "Wrong name or password." for a wrong password and an unknown name
   * alike. An unknown name (or a user without a password) is checked against a decoy
   * hash, so the answer takes as long and its timing tells nothing about which names exist.
   */
  async check(name: string, password: string): Promise<User> {
    const waitMs = this.throttle.begin(name);
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new TooManyRequestsError(
        `Too many wrong passwords for \`${name}\`: try again in ${minutes} minute${minutes === 1 ? '' : 's'}. If you forgot your password, ask your teacher.`,
        waitMs / 1000,
        'TOO_MANY_ATTEMPTS',
      );
    }
    const user = this.users.byName(name);
    this.decoy ??= hashPassword('decoy password');
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.decoy));
    if (!user || !user.passwordHash || !ok) throw new UnauthenticatedError('Wrong name or password.');
    this.throttle.succeeded(name);
    return { id: user.id, name: user.name, role: user.role };
  }
}

import { AttemptWindow } from './attempt-window.js';

export interface LoginThrottleOptions {
  /** Failed attempts one name may make per window. @defaultValue 5 */
  maxAttempts?: number;
  /** Failed attempts one client address may make per window, whatever the names. @defaultValue 20 */
  maxPerAddress?: number;
  /** @defaultValue 15 minutes */
  windowMs?: number;
  /** Names remembered at most; when full, new names are refused (429), never a remembered one forgotten early. @defaultValue 10 000 */
  maxNames?: number;
  /** Client addresses remembered at most; when full, new addresses are refused the same way. @defaultValue 10 000 */
  maxAddresses?: number;
  /** @defaultValue `Date.now` */
  now?: () => number;
}

/** An attempt `begin` let through; hand it to `succeeded` when the password was right. */
export interface LoginAttempt {
  readonly nameKey: string;
  readonly addressKey: string;
  readonly at: number;
}

export type ThrottleVerdict =
  | { allowed: true; attempt: LoginAttempt }
  /** `name`: this name is locked; `address`: this address made too many; `full`: too many names or addresses are being tried at once. */
  | { allowed: false; waitMs: number; reason: 'name' | 'address' | 'full' };

/**
 * Slows down password guessing, by name and by client address:
 * - a name with `maxAttempts` failed (or unfinished) attempts within `windowMs` is
 *   refused until the oldest leaves the window; a correct password clears its record.
 *   One student's typos must not lock out a class behind one school NAT address, so
 *   this limit is per name; the price is that a wrong guesser can lock a name for 15
 *   minutes (the student's API token keeps working).
 * - an address with `maxPerAddress` failed attempts within the window is refused
 *   whatever name it tries: without this one address could try every name (and make
 *   each cost a 128 MiB scrypt). A correct password takes back only its own attempt,
 *   so signing in to an account one owns does not buy more guesses. An address over its
 *   cap is refused before its name is counted, so one address can lock at most
 *   `maxPerAddress / maxAttempts` names per window. Only failures count, but a class
 *   behind one NAT address shares them: `SOCKGRADE_FAILED_SIGNINS_PER_ADDRESS` raises it.
 *
 * Memory is bounded without eviction: entries leave only when expired, and when a table
 * is full a new name or address is refused (`full`) until room appears. Filling the
 * name table takes `maxNames` failed attempts within a window, i.e. `maxNames /
 * maxPerAddress` addresses (500 by default; IPv6 clients are counted per /64, see
 * `throttleKeyOf`). Refusing newcomers then is a nuisance; evicting a locked name
 * instead would reopen it to guessing, which is what issue #12 found.
 *
 * Unknown names are counted like known ones, so a 429 tells nothing about which names
 * exist. In memory: the API is one process (the database's single writer), and a
 * restart granting a few more guesses is no real help against scrypt-hashed passwords.
 */
export class LoginThrottle {
  private readonly names: AttemptWindow;
  private readonly addresses: AttemptWindow;
  private readonly now: () => number;

  constructor(opts: LoginThrottleOptions = {}) {
    const windowMs = opts.windowMs ?? 15 * 60_000;
    this.names = new AttemptWindow(opts.maxAttempts ?? 5, windowMs, opts.maxNames ?? 10_000);
    this.addresses = new AttemptWindow(opts.maxPerAddress ?? 20, windowMs, opts.maxAddresses ?? 10_000);
    this.now = opts.now ?? Date.now;
  }

  /**
   * Call before checking the password, with the client's `throttleKeyOf` address. An
   * allowed attempt is counted at once, as failed until `succeeded`: so parallel guesses count too.
   */
  begin(name: string, addressKey: string): ThrottleVerdict {
    const now = this.now();
    const nameKey = name.toLowerCase();
    const addressWait = this.addresses.waitFor(addressKey, now);
    if (addressWait > 0) return { allowed: false, waitMs: addressWait, reason: 'address' };
    const nameWait = this.names.waitFor(nameKey, now);
    if (nameWait > 0) return { allowed: false, waitMs: nameWait, reason: 'name' };
    const roomWait = Math.max(this.addresses.roomWaitFor(addressKey, now), this.names.roomWaitFor(nameKey, now));
    if (roomWait > 0) return { allowed: false, waitMs: roomWait, reason: 'full' };
    this.addresses.record(addressKey, now);
    this.names.record(nameKey, now);
    return { allowed: true, attempt: { nameKey, addressKey, at: now } };
  }

  /** The password was right: the name's record is cleared, the address gets this attempt back. */
  succeeded(attempt: LoginAttempt): void {
    this.names.forget(attempt.nameKey);
    this.addresses.withdraw(attempt.addressKey, attempt.at);
  }

  /** The password was never checked (hashing was busy): the attempt counts for neither name nor address. */
  withdraw(attempt: LoginAttempt): void {
    this.names.withdraw(attempt.nameKey, attempt.at);
    this.addresses.withdraw(attempt.addressKey, attempt.at);
  }

  /** Names and addresses remembered now (for tests: memory stays bounded). */
  size(): { names: number; addresses: number } {
    return { names: this.names.size, addresses: this.addresses.size };
  }
}

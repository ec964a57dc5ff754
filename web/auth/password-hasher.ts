import { ServiceBusyError } from '../errors.js';
import { ConcurrencyGate, GateFullError } from './concurrency-gate.js';
import { DEFAULT_SCRYPT, dummyPasswordHash, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './passwords.js';

export interface PasswordHasherOptions {
  /** The cost of new hashes (and of the dummy). Tests pass a cheap one. @defaultValue DEFAULT_SCRYPT (N=2^17, r=8, p=1) */
  params?: ScryptParams;
  /**
   * scrypt computations at once. Each takes 128 MiB and a core for ~0.35 s: two keep a
   * small server answering while a sign-in storm runs. @defaultValue 2
   */
  concurrency?: number;
  /** Computations waiting for a place; past that 503 at once. 32 is ~6 s of waiting at most. @defaultValue 32 */
  maxQueued?: number;
}

/**
 * Every password hash of the app goes through one of these: scrypt with the configured
 * cost, never more than a few at once. `POST /api/tokens` is open to anyone, so without
 * the bound each request could start another 128 MiB computation (issue #12).
 */
export class PasswordHasher {
  readonly params: ScryptParams;
  /** Checked against for unknown names: the same cost as a real hash, so timing tells nothing. */
  readonly dummyHash: string;
  private readonly gate: ConcurrencyGate;

  constructor(opts: PasswordHasherOptions = {}) {
    this.params = opts.params ?? DEFAULT_SCRYPT;
    this.dummyHash = dummyPasswordHash(this.params);
    this.gate = new ConcurrencyGate(opts.concurrency ?? 2, opts.maxQueued ?? 32);
  }

  hash(password: string): Promise<string> {
    return this.gated(() => hashPassword(password, this.params));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.gated(() => verifyPassword(password, stored));
  }

  /** Whether `stored` is cheaper than today's cost: then it is replaced after a successful sign-in. */
  needsRehash(stored: string): boolean {
    return needsRehash(stored, this.params);
  }

  load(): { running: number; waiting: number } {
    return this.gate.load();
  }

  private async gated<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.gate.run(task);
    } catch (error) {
      if (error instanceof GateFullError) {
        throw new ServiceBusyError('Too many sign-ins are being checked right now: try again in a few seconds.', 5);
      }
      throw error;
    }
  }
}

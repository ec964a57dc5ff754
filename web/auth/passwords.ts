import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters; a hash records the ones it was made with. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's recommendation for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1.
 * 128 MiB and ~0.35 s of one core per hash here, which is why `PasswordHasher` lets only
 * a few run at once. Hashes made with 2^15 (before issue #12) still verify and are
 * replaced at the owner's next sign-in.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const KEY_BYTES = 32;

/**
 * The largest cost a stored hash may ask for: a damaged or planted row with N=2^30 must
 * not make us try to allocate a terabyte. 2^20 × 16 × 128 bytes = 2 GiB is the ceiling.
 */
const LIMITS = { N: 2 ** 20, r: 16, p: 4 };

/**
 * Memory scrypt needs (OpenSSL's check: 128·r·(N + p + 2) bytes), plus room. Node's
 * default `maxmem` is 32 MiB, so anything above N=2^14 with r=8 must pass its own.
 */
function maxmemFor({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + p + 2) + 1024 * 1024;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem: maxmemFor(params) }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function format(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

/** `scrypt$N$r$p$<salt b64>$<key b64>`, its parameters within `LIMITS`; anything else is undefined. */
export function parsePasswordHash(stored: string): ParsedHash | undefined {
  const [kind, n, r, p, salt, key, ...rest] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key || rest.length > 0) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const valid =
    Number.isInteger(params.N) && params.N >= 2 && params.N <= LIMITS.N && (params.N & (params.N - 1)) === 0 &&
    Number.isInteger(params.r) && params.r >= 1 && params.r <= LIMITS.r &&
    Number.isInteger(params.p) && params.p >= 1 && params.p <= LIMITS.p;
  return valid ? { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') } : undefined;
}

/** `scrypt$N$r$p$<salt b64>$<key b64>`: the parameters travel with the hash, so they can grow later. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  return format(params, salt, await derive(password, salt, params));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/** Whether a stored hash is cheaper than `params` (or unreadable): then it is made again at the next sign-in. */
export function needsRehash(stored: string, params: ScryptParams): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return true;
  return parsed.params.N * parsed.params.r * parsed.params.p < params.N * params.r * params.p;
}

/**
 * A hash no password matches (its key is random bytes, not derived), with `params`:
 * what an unknown name's password is checked against, so that answer costs exactly as
 * much time as a known name's and the timing tells nothing. Making it costs nothing.
 */
export function dummyPasswordHash(params: ScryptParams): string {
  return format(params, randomBytes(16), randomBytes(KEY_BYTES));
}

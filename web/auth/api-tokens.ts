import { createHash, randomBytes } from 'node:crypto';

/** A new API token: 32 random bytes, prefixed so a leaked one is easy to recognise in logs. */
export function newApiToken(): string {
  return `sgk_${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens are stored as SHA-256 hashes. A slow KDF is for guessable passwords; a token
 * carries 256 random bits, so a fast hash is enough and keeps every request cheap.
 */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A token as logs and start-up lines may show it: `sgk_abcd…`, enough to tell two apart
 * and nothing that works. A token appears in full only once: in the answer that made it.
 */
export function maskToken(token: string): string {
  return `${token.slice(0, 8)}…`;
}

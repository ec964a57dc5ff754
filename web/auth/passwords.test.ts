import { describe, expect, it } from 'vitest';
import { TEST_SCRYPT } from '../testing/api-harness.js';
import { hashApiToken, maskToken, newApiToken } from './api-tokens.js';
import { DEFAULT_SCRYPT, dummyPasswordHash, hashPassword, needsRehash, parsePasswordHash, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('are hashed with scrypt at N=2^17, r=8, p=1 by default (OWASP), with a salt, and verified', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    // 128 MiB: above Node's default maxmem of 32 MiB, so this also proves maxmem is passed.
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
  });

  it('record their cost, so hashes of another cost still verify', async () => {
    const old = await hashPassword('correct horse', { N: 2 ** 15, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', old)).toBe(true);
    const cheap = await hashPassword('correct horse', TEST_SCRYPT);
    expect(await hashPassword('correct horse', TEST_SCRYPT)).not.toBe(cheap);
    expect(await verifyPassword('correct horse', cheap)).toBe(true);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });

  it('refuse stored costs no sane hash has, instead of allocating them', async () => {
    expect(parsePasswordHash('scrypt$1073741824$8$1$c2FsdA==$a2V5')).toBeUndefined();
    expect(parsePasswordHash('scrypt$1000$8$1$c2FsdA==$a2V5')).toBeUndefined(); // not a power of two
    expect(parsePasswordHash('scrypt$1024$64$1$c2FsdA==$a2V5')).toBeUndefined();
    expect(parsePasswordHash('scrypt$1024$8$1$c2FsdA==$a2V5$extra')).toBeUndefined();
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$c2FsdA==$a2V5')).toBe(false);
    expect(parsePasswordHash('scrypt$1024$8$1$c2FsdA==$a2V5')?.params).toEqual({ N: 1024, r: 8, p: 1 });
  });

  it('are made again when cheaper than today’s cost, not when dearer', async () => {
    const old = await hashPassword('pw', { N: 2 ** 15, r: 8, p: 1 });
    expect(needsRehash(old, DEFAULT_SCRYPT)).toBe(true);
    expect(needsRehash(old, { N: 2 ** 15, r: 8, p: 1 })).toBe(false);
    expect(needsRehash(old, TEST_SCRYPT)).toBe(false);
    expect(needsRehash('garbage', TEST_SCRYPT)).toBe(true);
  });

  it('have a dummy of the same cost that no password matches', async () => {
    const dummy = dummyPasswordHash(TEST_SCRYPT);
    expect(parsePasswordHash(dummy)?.params).toEqual(TEST_SCRYPT);
    expect(dummyPasswordHash(DEFAULT_SCRYPT)).toMatch(/^scrypt\$131072\$8\$1\$/);
    for (const guess of ['', 'password', 'decoy password']) expect(await verifyPassword(guess, dummy)).toBe(false);
  });
});

describe('API tokens', () => {
  it('are long, random, and stored only as a hash', () => {
    const token = newApiToken();
    expect(token).toMatch(/^sgk_[A-Za-z0-9_-]{43}$/);
    expect(newApiToken()).not.toBe(token);
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).toBe(hashApiToken(token));
  });

  it('are masked to their first four characters for logs', () => {
    expect(maskToken('sgk_abcdefghijklmnop')).toBe('sgk_abcd…');
  });
});

import { describe, expect, it } from 'vitest';
import { hashApiToken, newApiToken } from './api-tokens.js';
import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('are hashed with scrypt and a salt, and verified', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hashPassword('correct horse')).not.toBe(hash);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
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
});

import { describe, expect, it } from 'vitest';
import { openStoreWithStudent } from '../testing/store-fixture.js';
import { startApiHarness } from '../testing/api-harness.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordLogin } from './password-login.js';
import { hashPassword, parsePasswordHash, verifyPassword } from './passwords.js';

describe('password cost upgrades (issue #12)', () => {
  it('by default hashes at N=2^17, and replaces a 2^15 hash at the next successful sign-in', async () => {
    // The real default cost (no `auth.hashing` given), over HTTP, with a real SQLite store.
    const h = await startApiHarness({ auth: { hashing: {} } });
    try {
      const old = await hashPassword('ada password', { N: 2 ** 15, r: 8, p: 1 });
      const ada = h.store.users.create({ name: 'ada', role: 'student', passwordHash: old });
      // A wrong password changes nothing.
      expect((await h.request('POST', '/api/session', { json: { name: 'ada', password: 'nope' } })).status).toBe(401);
      expect(h.store.users.byName('ada')?.passwordHash).toBe(old);

      expect((await h.request('POST', '/api/session', { json: { name: 'ada', password: 'ada password' } })).status).toBe(201);
      const upgraded = h.store.users.byName('ada')!.passwordHash!;
      expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(await verifyPassword('ada password', upgraded)).toBe(true);
      // New users get the default too.
      const teacher = h.addUser('teacher', 'teacher').token;
      expect((await h.api('POST', '/api/users', teacher, { name: 'bob', password: 'bob password' })).status).toBe(201);
      expect(h.store.users.byName('bob')?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);

      // The upgraded hash signs in (by token too), and is not made again.
      const token = await h.request('POST', '/api/tokens', { json: { name: 'ada', password: 'ada password' } });
      expect(token).toMatchObject({ status: 201, body: { user: { id: ada.id } } });
      expect(h.store.users.byName('ada')?.passwordHash).toBe(upgraded);
    } finally {
      await h.close();
    }
  });

  it('checks an unknown name (and a user without a password) against a dummy hash of today’s cost', async () => {
    const { store } = openStoreWithStudent(); // ada, without a password
    try {
      const params = { N: 2 ** 10, r: 8, p: 1 };
      const checked: string[] = [];
      const hasher = new (class extends PasswordHasher {
        override verify(password: string, stored: string) {
          checked.push(stored);
          return super.verify(password, stored);
        }
      })({ params });
      const login = new PasswordLogin(store.users, new LoginThrottle(), hasher);
      await expect(login.check('nobody', 'guess', '192.0.2.1')).rejects.toMatchObject({ status: 401, message: 'Wrong name or password.' });
      await expect(login.check('ada', 'guess', '192.0.2.1')).rejects.toMatchObject({ status: 401, message: 'Wrong name or password.' });
      expect(checked).toEqual([hasher.dummyHash, hasher.dummyHash]);
      expect(parsePasswordHash(hasher.dummyHash)?.params).toEqual(params);
    } finally {
      store.close();
    }
  });
});

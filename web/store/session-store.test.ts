import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreWithStudent } from '../testing/store-fixture.js';
import type { Store } from './open-store.js';

let store: Store;
let userId: number;
beforeEach(() => void ({ store, userId } = openStoreWithStudent()));
afterEach(() => store.close());

describe('the session store', () => {
  it('keeps a session by the hash of its id, with its user and CSRF token', () => {
    store.sessions.create({ idHash: 'h1', userId, csrfToken: 'c1', expiresAt: 5000 }, 1000);
    expect(store.sessions.get('h1', 4999)).toEqual({
      idHash: 'h1',
      user: { id: userId, name: 'ada', role: 'student' },
      csrfToken: 'c1',
      createdAt: 1000,
      expiresAt: 5000,
    });
    expect(store.sessions.get('nope', 1000)).toBeUndefined();
  });

  it('deletes a session found expired, and all expired ones when a session starts', () => {
    store.sessions.create({ idHash: 'old', userId, csrfToken: 'c', expiresAt: 2000 }, 1000);
    store.sessions.create({ idHash: 'older', userId, csrfToken: 'c', expiresAt: 1500 }, 1000);
    store.sessions.create({ idHash: 'live', userId, csrfToken: 'c', expiresAt: 9000 }, 1000);
    expect(store.sessions.get('old', 2000)).toBeUndefined();
    expect(store.sessions.count()).toBe(2);
    store.sessions.create({ idHash: 'new', userId, csrfToken: 'c', expiresAt: 9000 }, 3000);
    expect(store.sessions.count()).toBe(2);
    expect(store.sessions.get('live', 3000)?.idHash).toBe('live');
  });

  it('extends and deletes sessions, and drops them with their user', () => {
    store.sessions.create({ idHash: 'h', userId, csrfToken: 'c', expiresAt: 2000 }, 1000);
    store.sessions.extend('h', 8000);
    expect(store.sessions.get('h', 7000)?.expiresAt).toBe(8000);
    expect(store.sessions.delete('h')).toBe(true);
    expect(store.sessions.delete('h')).toBe(false);
    store.sessions.create({ idHash: 'h2', userId, csrfToken: 'c', expiresAt: 9000 }, 1000);
    expect(store.sessions.count()).toBe(1);
  });
});

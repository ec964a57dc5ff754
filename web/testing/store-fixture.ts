/** The start of the store and results tests: no HTTP, just SQLite and one student. */
import { openStore, type Store } from '../store/index.js';

/** A fresh in-memory store holding one student, `ada`; the test closes it. */
export function openStoreWithStudent(): { store: Store; userId: number } {
  const store = openStore(':memory:');
  return { store, userId: store.users.create({ name: 'ada', role: 'student' }).id };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreWithStudent } from '../testing/store-fixture.js';
import type { Store } from './index.js';

let store: Store;
let userId: number;
let teacherId: number;
beforeEach(() => {
  ({ store, userId } = openStoreWithStudent());
  teacherId = store.users.create({ name: 'teacher', role: 'teacher' }).id;
});
afterEach(() => store.close());

describe('OverrideStore', () => {
  it('is a stack per submission: undo brings back the override below, then none', () => {
    const a = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files: {} }).id;
    const b = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files: {} }).id;
    store.overrides.set({ submissionId: a, score: 10, comment: 'one', setBy: teacherId }, 1);
    store.overrides.set({ submissionId: a, score: 20, comment: 'two', setBy: teacherId }, 2);
    store.overrides.set({ submissionId: b, score: 5, comment: 'b', setBy: teacherId }, 3);
    expect(store.overrides.current(a)).toMatchObject({ score: 20, previousScore: 10 });
    const current = store.overrides.currentOf([a, b, 'none']);
    expect(new Map([...current].map(([id, o]) => [id, o.score]))).toEqual(new Map([[a, 20], [b, 5]]));
    expect(store.overrides.undo(a, teacherId, 4)).toMatchObject({ score: 20, undoneBy: teacherId, undoneAt: 4 });
    expect(store.overrides.current(a)).toMatchObject({ score: 10, comment: 'one' });
    store.overrides.undo(a, teacherId, 5);
    expect(store.overrides.current(a)).toBeUndefined();
    expect(store.overrides.undo(a, teacherId, 6)).toBeUndefined();
    expect(store.overrides.history(a).map((o) => [o.score, o.undoneAt])).toEqual([
      [10, 5],
      [20, 4],
    ]);
    expect(store.overrides.currentOf([])).toEqual(new Map());
  });
});

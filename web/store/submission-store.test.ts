import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verdictReport } from '../../grader/report.js';
import { getAssignment } from '../../checks/index.js';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from './migrations.js';
import { openStore, type Store } from './open-store.js';

let store: Store;
let userId: number;
beforeEach(() => {
  store = openStore(':memory:');
  userId = store.users.create({ name: 'ada', role: 'student' }).id;
});
afterEach(() => store.close());

const report = verdictReport(getAssignment('echo-tcp-server')!, 'failed', 'no server.py', 0);

describe('the submission store', () => {
  it('stores a submission as queued with its files, and lists newest first', () => {
    const first = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files: { 'server.py': 'eA==' } }, 1000);
    const second = store.submissions.create({ userId, assignmentId: 'echo-udp-server', files: { 'server.py': 'eQ==' } }, 2000);
    expect(first).toMatchObject({ status: 'queued', attempts: 0, report: null, createdAt: 1000 });
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(store.submissions.files(first.id)).toEqual({ 'server.py': 'eA==' });
    expect(store.submissions.list().map((s) => s.id)).toEqual([second.id, first.id]);
    expect(store.submissions.list({ assignmentId: 'echo-tcp-server' }).map((s) => s.id)).toEqual([first.id]);
  });

  it('moves queued → running → done, counting attempts, and never back', () => {
    const { id } = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files: {} });
    expect(store.submissions.markRunning(id, 10)).toBe(true);
    expect(store.submissions.markProgress(id, { testsDone: 1, testsTotal: 7 })).toBe(true);
    expect(store.submissions.get(id)).toMatchObject({ status: 'running', attempts: 1, startedAt: 10, progress: { testsDone: 1 } });
    expect(store.submissions.markQueued(id)).toBe(true);
    expect(store.submissions.markRunning(id, 20)).toBe(true);
    expect(store.submissions.markDone(id, report, 30)).toBe(true);
    expect(store.submissions.get(id)).toMatchObject({ status: 'done', attempts: 2, finishedAt: 30, progress: null, report });
    // A late or replayed event changes nothing now.
    expect(store.submissions.markRunning(id)).toBe(false);
    expect(store.submissions.markQueued(id)).toBe(false);
    expect(store.submissions.markError(id, 'late failure')).toBe(false);
    expect(store.submissions.get(id)?.status).toBe('done');
    expect(store.submissions.unfinished()).toEqual([]);
  });

  it('records an error after the last attempt', () => {
    const { id } = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files: {} });
    store.submissions.markRunning(id);
    expect(store.submissions.markError(id, 'Cannot reach the Docker engine')).toBe(true);
    expect(store.submissions.get(id)).toMatchObject({ status: 'error', error: 'Cannot reach the Docker engine' });
  });

  it('migrates once and refuses a database newer than the code', () => {
    const db = new Database(':memory:');
    migrate(db);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this sockgrade knows/);
    db.close();
  });
});

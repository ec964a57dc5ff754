import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verdictReport } from '../../grader/report.js';
import { getAssignment } from '../../checks/index.js';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from './migrations.js';
import { openStoreWithStudent } from '../testing/store-fixture.js';
import type { Store } from './open-store.js';

let store: Store;
let userId: number;
beforeEach(() => void ({ store, userId } = openStoreWithStudent()));
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
    expect(store.submissions.markRunning(id, { now: 10 })).toBe(true);
    expect(store.submissions.markProgress(id, { testsDone: 1, testsTotal: 7 })).toBe(true);
    expect(store.submissions.get(id)).toMatchObject({ status: 'running', attempts: 1, startedAt: 10, progress: { testsDone: 1 } });
    expect(store.submissions.markQueued(id)).toBe(true);
    expect(store.submissions.markRunning(id, { now: 20 })).toBe(true);
    expect(store.submissions.markDone(id, report, { now: 30 })).toBe(true);
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

describe('superseding, budgets and regrades', () => {
  const files = { 'server.py': 'eA==' };
  it('supersedes only the same student\'s queued first gradings of the same assignment', () => {
    const other = store.users.create({ name: 'bob', role: 'student' }).id;
    const old1 = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files }, 1000);
    const running = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files }, 1100);
    store.submissions.markRunning(running.id);
    const otherAssignment = store.submissions.create({ userId, assignmentId: 'echo-udp-server', files }, 1200);
    const bobs = store.submissions.create({ userId: other, assignmentId: 'echo-tcp-server', files }, 1300);
    const { submission, superseded } = store.submissions.createSuperseding(
      { userId, assignmentId: 'echo-tcp-server', files, supersede: true },
      2000,
    );
    expect(superseded.map((s) => s.id)).toEqual([old1.id]);
    expect(store.submissions.get(old1.id)).toMatchObject({ status: 'superseded', supersededBy: submission.id, finishedAt: 2000 });
    expect(store.submissions.get(running.id)?.status).toBe('running');
    expect(store.submissions.get(otherAssignment.id)?.status).toBe('queued');
    expect(store.submissions.get(bobs.id)?.status).toBe('queued');
    // A superseded submission is never revived by a late event.
    expect(store.submissions.markRunning(old1.id)).toBe(false);
    expect(store.submissions.markDone(old1.id, report)).toBe(false);
    expect(store.submissions.countInFlight(userId)).toBe(3);
    expect(store.submissions.submittedSince(userId, 'echo-tcp-server', 1050)).toEqual([1100, 2000]);
  });

  it('regrades a finished submission as a new generation; the old generation\'s events do nothing', () => {
    const { id } = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files });
    expect(store.submissions.startRegrade(id)).toBeNull();
    store.submissions.markRunning(id);
    store.submissions.markDone(id, report);
    const regraded = store.submissions.startRegrade(id, null)!;
    expect(regraded).toMatchObject({ status: 'queued', generation: 1, attempts: 0, report });
    expect(store.submissions.markRunning(id, { generation: 0 })).toBe(false);
    expect(store.submissions.markRunning(id, { generation: 1 })).toBe(true);
    const better = { ...report, score: 42 };
    expect(store.submissions.markDone(id, better, { generation: 0 })).toBe(false);
    expect(store.submissions.markDone(id, better, { generation: 1 })).toBe(true);
    expect(store.submissions.get(id)).toMatchObject({ status: 'done', generation: 1, attempts: 1, report: { score: 42 } });
  });

  it('finds each student\'s latest counting submission and latest graded one', () => {
    const bob = store.users.create({ name: 'bob', role: 'student' }).id;
    const a1 = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files }, 1000);
    store.submissions.markDone(a1.id, report);
    const a2 = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files }, 2000);
    store.submissions.createSuperseding({ userId: bob, assignmentId: 'echo-tcp-server', files, supersede: true }, 1500);
    const b2 = store.submissions.createSuperseding({ userId: bob, assignmentId: 'echo-tcp-server', files, supersede: true }, 2500).submission;
    expect(store.submissions.latestPerStudent('echo-tcp-server').map((s) => s.id)).toEqual([a2.id, b2.id]);
    expect(store.submissions.latestPerStudent('echo-udp-server')).toEqual([]);
    expect(store.submissions.latestGradedPerStudent().map((s) => s.id)).toEqual([a1.id]);
  });
});

describe('stored bytes and dropped files (issue #12)', () => {
  const files = { 'server.py': Buffer.alloc(3000, 'x').toString('base64') };
  it('counts decoded bytes per student, drops the files of superseded submissions, and reads them as gone', () => {
    const old = store.submissions.create({ userId, assignmentId: 'echo-tcp-server', files }, 1000);
    const other = store.submissions.create({ userId, assignmentId: 'echo-udp-server', files }, 1100);
    expect(store.submissions.storedBytes(userId)).toBe(6000);
    expect(store.submissions.storedBytes(userId, [old.id])).toBe(3000);
    const { superseded } = store.submissions.createSuperseding({ userId, assignmentId: 'echo-tcp-server', files, supersede: true, only: [old.id] }, 2000);
    expect(superseded.map((s) => s.id)).toEqual([old.id]);
    expect(store.submissions.files(old.id)).toBeUndefined();
    expect(store.submissions.files(other.id)).toEqual(files);
    expect(store.submissions.storedBytes(userId)).toBe(6000);
    // `only` empty: nothing superseded.
    store.submissions.createSuperseding({ userId, assignmentId: 'echo-udp-server', files, supersede: true, only: [] }, 3000);
    expect(store.submissions.get(other.id)?.status).toBe('queued');
  });

  it('migrates an older database: sizes estimated, superseded files dropped', () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]!);
    db.exec(MIGRATIONS[1]!);
    db.pragma('user_version = 2');
    db.prepare("INSERT INTO users (id, name, role, created_at) VALUES (1, 'ada', 'student', 0)").run();
    const insert = db.prepare('INSERT INTO submissions (id, user_id, assignment_id, status, files, created_at) VALUES (?, 1, ?, ?, ?, 0)');
    insert.run('kept', 'echo-tcp-server', 'done', JSON.stringify(files));
    insert.run('gone', 'echo-tcp-server', 'superseded', JSON.stringify(files));
    migrate(db);
    const rows = db.prepare('SELECT id, files, files_bytes FROM submissions ORDER BY id').all() as { id: string; files: string; files_bytes: number }[];
    expect(rows).toEqual([
      { id: 'gone', files: '{}', files_bytes: 0 },
      // 4000 base64 characters and the JSON around them: about 3000 bytes.
      { id: 'kept', files: JSON.stringify(files), files_bytes: Math.floor((JSON.stringify(files).length * 3) / 4) },
    ]);
    db.close();
  });
});

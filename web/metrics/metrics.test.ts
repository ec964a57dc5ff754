import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { hashApiToken, newApiToken } from '../auth/index.js';
import type { QueueDepth } from '../queue/grading-queue.js';
import { MetricsStore, migrate, openStore, type Store } from '../store/index.js';
import { collectMetrics } from './grading-metrics.js';

const MIN = 60_000;

/** Inserts a submission row directly: the metrics read only statuses and times. */
function insert(
  db: Database.Database,
  row: { id: string; userId: number; status: string; createdAt: number; startedAt?: number | null; finishedAt?: number | null },
): void {
  db.prepare(
    `INSERT INTO submissions (id, user_id, assignment_id, status, files, created_at, started_at, finished_at)
     VALUES (?, ?, 'echo-tcp-server', ?, '{}', ?, ?, ?)`,
  ).run(row.id, row.userId, row.status, row.createdAt, row.startedAt ?? null, row.finishedAt ?? null);
}

/** A finished grading: submitted `waitMs` and started `gradeMs` before it finished at `finishedAt`. */
function finished(db: Database.Database, id: string, userId: number, status: 'done' | 'error', finishedAt: number, waitMs: number, gradeMs: number | null) {
  insert(db, { id, userId, status, createdAt: finishedAt - waitMs, startedAt: gradeMs === null ? null : finishedAt - gradeMs, finishedAt });
}

describe('the metrics store', () => {
  it('takes the last 200 finished gradings, newest first, and counts by status with zeros', async () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(`INSERT INTO users (id, name, role, created_at) VALUES (1, 'ada', 'student', 0)`).run();
    for (let i = 0; i < 205; i++) finished(db, `s${i}`, 1, 'done', 1_000_000 + i * 1000, i, 1);
    insert(db, { id: 'q', userId: 1, status: 'queued', createdAt: 5 });
    const metrics = new MetricsStore(db);
    expect(metrics.countByStatus()).toEqual({ queued: 1, running: 0, done: 205, error: 0, superseded: 0 });
    const last = metrics.lastFinished(200);
    expect(last).toHaveLength(200);
    expect(last[0]).toEqual({ createdAt: 1_000_000 + 204 * 1000 - 204, startedAt: 1_000_000 + 204 * 1000 - 1, finishedAt: 1_000_000 + 204 * 1000, regraded: false });
    const summary = await collectMetrics({ metrics, now: () => 1_000_000 + 204 * 1000 });
    // Waits 5…204 ms (the 5 oldest dropped): median rank 100 → 104, p95 rank 190 → 194.
    expect(summary.latency.last200.submitToFinishedMs).toEqual({ count: 200, p50: 104, p95: 194, max: 204 });
    expect(summary.latency.last200.startToFinishedMs).toEqual({ count: 200, p50: 1, p95: 1, max: 1 });
    expect(summary.queue).toBeNull();
    expect(summary.queueError).toMatch(/No grading queue/);
    db.close();
  });
});

describe('latency of regraded submissions', () => {
  it('counts their grading time, but not the days since the original upload', async () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(`INSERT INTO users (id, name, role, created_at) VALUES (1, 'ada', 'student', 0)`).run();
    const now = 10 * 24 * 3600_000;
    finished(db, 'fresh', 1, 'done', now - MIN, 30_000, 6_000);
    finished(db, 'regraded', 1, 'done', now - 2 * MIN, 3 * 24 * 3600_000, 7_000);
    db.prepare(`UPDATE submissions SET generation = 1 WHERE id = 'regraded'`).run();
    const { lastHour } = (await collectMetrics({ metrics: new MetricsStore(db), now: () => now })).latency;
    expect(lastHour).toEqual({
      finished: 2,
      submitToFinishedMs: { count: 1, p50: 30_000, p95: 30_000, max: 30_000 },
      startToFinishedMs: { count: 2, p50: 6_000, p95: 7_000, max: 7_000 },
    });
    db.close();
  });
});

let dir: string;
let store: Store;
let server: Server;
let base: string;
let teacher: string;
let ada: string;
let depth: () => Promise<QueueDepth>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sockgrade-metrics-'));
  store = openStore(join(dir, 'sockgrade.db'));
  depth = async () => ({ waiting: 2, active: 1, delayed: 0, failed: 3 });
  server = createServer(createApp({ store, queue: { enqueue: async () => {} }, queueDepth: () => depth() }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const addUser = (name: string, role: 'student' | 'teacher') => {
    const token = newApiToken();
    store.users.addToken(store.users.create({ name, role }).id, hashApiToken(token), 'test');
    return token;
  };
  teacher = addUser('teacher', 'teacher');
  ada = addUser('ada', 'student');

  // Seeded through a second connection to the same file, as of now.
  const db = new Database(join(dir, 'sockgrade.db'));
  const now = Date.now();
  insert(db, { id: 'q1', userId: 2, status: 'queued', createdAt: now - 1000 });
  insert(db, { id: 'r1', userId: 2, status: 'running', createdAt: now - 5000, startedAt: now - 2000 });
  insert(db, { id: 's1', userId: 2, status: 'superseded', createdAt: now - 9000 });
  finished(db, 'd1', 2, 'done', now - 5 * MIN, 12_000, 2_000);
  finished(db, 'd2', 2, 'done', now - 2 * MIN, 30_000, 5_000);
  finished(db, 'e1', 2, 'error', now - 1 * MIN, 90_000, null);
  finished(db, 'd3', 2, 'done', now - 30 * MIN, 20_000, 4_000);
  finished(db, 'd4', 2, 'done', now - 180 * MIN, 600_000, 8_000);
  db.close();
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string, token?: string) => {
  const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('GET /api/metrics', () => {
  it('gives a teacher the queue depth, counts by status, latency percentiles and throughput', async () => {
    const response = await get('/api/metrics', teacher);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      queue: { waiting: 2, active: 1, delayed: 0, failed: 3 },
      submissions: { queued: 1, running: 1, done: 4, error: 1, superseded: 1, total: 8 },
      latency: {
        // d1, d2, e1, d3 (d4 finished 3 hours ago); e1 never started (no start→finished).
        lastHour: {
          finished: 4,
          submitToFinishedMs: { count: 4, p50: 20_000, p95: 90_000, max: 90_000 },
          startToFinishedMs: { count: 3, p50: 4_000, p95: 5_000, max: 5_000 },
        },
        last200: {
          finished: 5,
          submitToFinishedMs: { count: 5, p50: 30_000, p95: 600_000, max: 600_000 },
          startToFinishedMs: { count: 4, p50: 4_000, p95: 8_000, max: 8_000 },
        },
      },
      throughput: { finishedLast10Min: 3, perMinute: 0.3 },
      // No report with timings among them.
      phases: { last200: {} },
    });
  });

  it('is for teachers only', async () => {
    expect(await get('/api/metrics')).toMatchObject({ status: 401 });
    const student = await get('/api/metrics', ada);
    expect(student.status).toBe(403);
    expect(JSON.parse(student.text)).toEqual({ error: { code: 'FORBIDDEN', message: 'Only a teacher can see the service metrics.' } });
  });

  it('says so when Redis does not answer, instead of failing or hanging', async () => {
    depth = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    const body = JSON.parse((await get('/api/metrics', teacher)).text);
    expect(body.queue).toBeNull();
    expect(body.queueError).toBe('connect ECONNREFUSED 127.0.0.1:6379');
    expect(body.submissions.total).toBe(8);
  });
});

describe('GET /metrics', () => {
  it('gives the same figures in Prometheus text format, to a teacher’s token', async () => {
    const response = await get('/metrics', teacher);
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = response.text.split('\n');
    for (const line of [
      '# TYPE sockgrade_queue_jobs gauge',
      'sockgrade_queue_up 1',
      'sockgrade_queue_jobs{state="waiting"} 2',
      'sockgrade_queue_jobs{state="active"} 1',
      'sockgrade_queue_jobs{state="delayed"} 0',
      'sockgrade_queue_jobs{state="failed"} 3',
      'sockgrade_submissions{status="done"} 4',
      'sockgrade_submissions{status="superseded"} 1',
      'sockgrade_gradings_finished{window="1h"} 4',
      'sockgrade_gradings_finished{window="10m"} 3',
      'sockgrade_grading_latency_milliseconds{window="1h",span="submit_to_finished",quantile="0.5"} 20000',
      'sockgrade_grading_latency_milliseconds{window="1h",span="submit_to_finished",quantile="0.95"} 90000',
      'sockgrade_grading_latency_milliseconds{window="last200",span="start_to_finished",quantile="1"} 8000',
      'sockgrade_throughput_per_minute 0.3',
    ]) {
      expect(lines).toContain(line);
    }
    expect(response.text.endsWith('\n')).toBe(true);
  });

  it('gives p50/p95/max of each grading phase from the reports’ timings (issue #11)', async () => {
    const db = new Database(join(dir, 'sockgrade.db'));
    const report = (podReady: number, tests: number) =>
      JSON.stringify({
        score: 1,
        timings: {
          startedAt: new Date().toISOString(),
          marks: {},
          tests: [],
          phases: [
            { phase: 'podReady', ms: podReady, machineCpuMs: podReady * 2 },
            { phase: 'testsDone', ms: tests, machineCpuMs: null },
          ],
        },
      });
    db.prepare(`UPDATE submissions SET report = ? WHERE id = 'd1'`).run(report(300, 1500));
    db.prepare(`UPDATE submissions SET report = ? WHERE id = 'd2'`).run(report(700, 1600));
    // Not JSON, or JSON without timings: skipped, the figures still come.
    db.prepare(`UPDATE submissions SET report = 'garbage' WHERE id = 'd3'`).run();
    db.prepare(`UPDATE submissions SET report = '{"timings": {"phases": "no"}}' WHERE id = 'd4'`).run();
    db.close();
    const body = JSON.parse((await get('/api/metrics', teacher)).text);
    expect(body.phases.last200).toEqual({
      podReady: { ms: { count: 2, p50: 300, p95: 700, max: 700 }, machineCpuMs: { count: 2, p50: 600, p95: 1400, max: 1400 } },
      testsDone: { ms: { count: 2, p50: 1500, p95: 1600, max: 1600 }, machineCpuMs: { count: 0, p50: null, p95: null, max: null } },
    });
    const lines = (await get('/metrics', teacher)).text.split('\n');
    for (const line of [
      'sockgrade_grading_phase_milliseconds{window="last200",phase="podReady",quantile="0.5"} 300',
      'sockgrade_grading_phase_milliseconds{window="last200",phase="testsDone",quantile="0.95"} 1600',
      'sockgrade_grading_phase_machine_cpu_milliseconds{window="last200",phase="podReady",quantile="1"} 1400',
    ]) {
      expect(lines).toContain(line);
    }
    expect(lines.some((line) => line.startsWith('sockgrade_grading_phase_machine_cpu_milliseconds{window="last200",phase="testsDone"'))).toBe(false);
  });

  it('needs a teacher: 401 without a credential, 403 for a student', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', ada)).status).toBe(403);
  });

  it('reports the queue as down, without its gauges, when Redis does not answer', async () => {
    depth = () => new Promise(() => {});
    const text = (await get('/metrics', teacher)).text;
    expect(text.split('\n')).toContain('sockgrade_queue_up 0');
    expect(text).not.toContain('sockgrade_queue_jobs');
  }, 10_000);
});

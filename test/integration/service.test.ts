import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradingReport } from '../../grader/report.js';
import type { RunningService } from '../../web/service.js';
import { openStore } from '../../web/store/index.js';
import { readEventStream, type SseEvent } from '../../web/testing/api-harness.js';
import { getAssignment } from '../../checks/index.js';
import { dockerForTests, fixturesDir, gradeFixture } from './harness.js';
import { useTestServices } from './service-under-test.js';

// Real Redis (spawned here, on a free loopback port, own data dir), real Docker, real
// SQLite, real HTTP: the service as `npm start` runs it, minus the host setup.
const docker = await dockerForTests();
const services = useTestServices('service', { reconcileIntervalMs: 60_000 });
const ADMIN = services.adminToken;
const config = services.config;
const start = services.start;

function client(service: RunningService) {
  return async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
}

async function fixtureUpload(assignment: string, caseName: string) {
  const source = await readFile(resolve(fixturesDir, assignment, caseName, 'server.py'));
  return { assignment, files: { 'server.py': source.toString('base64') } };
}

async function waitUntilFinished(api: ReturnType<typeof client>, id: string, token: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await api('GET', `/api/submissions/${id}`, token);
    if (body.status === 'done' || body.status === 'error' || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The report's shape and verdicts: ports, timings and interleavings differ between two runs of one submission. */
function verdicts(report: GradingReport) {
  return {
    keys: Object.keys(report).sort(),
    assignment: report.assignment,
    score: report.score,
    maxScore: report.maxScore,
    tests: report.tests.map(({ id, name, score, maxScore, status, feedback, transcript }) => ({
      id,
      name,
      score,
      maxScore,
      status,
      feedback: typeof feedback,
      transcript: Array.isArray(transcript),
    })),
    logs: Object.keys(report.logs).sort(),
  };
}

describe('the grading service', () => {
  it('grades submissions sent over HTTP; students see only their own work', async () => {
    const service = await start();
    const api = client(service);
    expect((await api('GET', '/healthz', undefined)).body).toMatchObject({ status: 'ok', checks: { db: { ok: true }, redis: { ok: true }, docker: { ok: true } } });
    const ada = (await api('POST', '/api/users', ADMIN, { name: 'ada' })).body.token as string;
    const bob = (await api('POST', '/api/users', ADMIN, { name: 'bob' })).body.token as string;

    const [correct, course] = await Promise.all([
      api('POST', '/api/submissions', ada, await fixtureUpload('echo-tcp-server', 'correct')),
      api('POST', '/api/submissions', bob, await fixtureUpload('echo-tcp-server', 'course')),
    ]);
    expect(correct).toMatchObject({ status: 202, body: { status: 'queued' } });
    expect(course).toMatchObject({ status: 202, body: { status: 'queued' } });

    const [graded, gradedCourse] = await Promise.all([waitUntilFinished(api, correct.body.id, ada), waitUntilFinished(api, course.body.id, bob)]);
    expect(graded).toMatchObject({ status: 'done', attempts: 1, score: 100, maxScore: 100, error: null, report: { score: 100 } });
    expect(gradedCourse).toMatchObject({ status: 'done', attempts: 1, score: 90, report: { score: 90, maxScore: 100 } });
    // The report is the object `sockgrade grade --json` prints for the same files.
    expect(verdicts(gradedCourse.report)).toEqual(verdicts(await gradeFixture(docker, 'echo-tcp-server', 'course')));

    expect((await api('GET', `/api/submissions/${correct.body.id}`, bob)).status).toBe(404);
    expect((await api('GET', `/api/submissions/${course.body.id}`, ada)).status).toBe(404);
    expect((await api('GET', `/api/submissions/${correct.body.id}`, undefined)).status).toBe(401);
    expect((await api('GET', '/api/submissions', ADMIN)).body.submissions).toHaveLength(2);

    const malformed = await api('POST', '/api/submissions', ada, { assignment: 'echo-tcp-server', files: { '../server.py': 'eA==' } });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'SUBMISSION_INVALID' } } });
    expect(service.store.submissions.count()).toBe(2);
    // Once recorded, the jobs (and the files they carry) leave Redis.
    await expect.poll(() => service.queue.queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 0, failed: 0, waiting: 0, active: 0 });
  });

  it('grades after a restart what was queued, with or without a job in Redis', async () => {
    // First start without a worker: the submission waits in Redis.
    const first = await start({ workerConcurrency: 0 });
    const api = client(first);
    const waiting = await api('POST', '/api/submissions', ADMIN, await fixtureUpload('echo-tcp-server', 'correct'));
    expect(waiting.status).toBe(202);
    await first.close();

    // A submission stored, but the process died before it reached Redis.
    const store = openStore(join(config().dataDir, 'sockgrade.db'));
    const admin = store.users.byName('admin')!;
    const files = (await fixtureUpload('echo-tcp-server', 'course')).files;
    const orphan = store.submissions.create({ userId: admin.id, assignmentId: 'echo-tcp-server', files });
    store.close();

    const second = await start();
    const again = client(second);
    const [one, two] = await Promise.all([waitUntilFinished(again, waiting.body.id, ADMIN), waitUntilFinished(again, orphan.id, ADMIN)]);
    expect(one).toMatchObject({ status: 'done', score: 100 });
    expect(two).toMatchObject({ status: 'done', score: 90 });
  });

  it('streams a grading test by test over SSE, then regrades the assignment with visible progress', async () => {
    const service = await start();
    const api = client(service);
    const ada = (await api('POST', '/api/users', ADMIN, { name: 'ada' })).body.token as string;
    const submitted = await api('POST', '/api/submissions', ada, await fixtureUpload('echo-tcp-server', 'correct'));
    const events: SseEvent[] = [];
    await readEventStream(`${service.url}/api/submissions/${submitted.body.id}/events`, ada, (event) => events.push(event), AbortSignal.timeout(60_000));
    const tests = getAssignment('echo-tcp-server')!.tests.length;
    // It may already run when the stream opens; from there on every test shows, in order.
    const names = events.map((event) => event.event);
    expect(names.at(-1)).toBe('done');
    expect(names.filter((name) => name === 'done')).toHaveLength(1);
    const progress = events.filter((event) => event.event === 'progress').map((event) => event.data.testsDone);
    expect(progress).toEqual(Array.from({ length: progress.length }, (_, i) => tests - progress.length + i + 1));
    expect(progress.at(-1)).toBe(tests);
    expect(events.at(-1)!.data).toMatchObject({ id: submitted.body.id, status: 'done', score: 100, report: { score: 100 } });

    const regrade = await api('POST', '/api/assignments/echo-tcp-server/regrade', ADMIN);
    expect(regrade).toMatchObject({ status: 202, body: { total: 1, skipped: 0, finished: false } });
    await expect
      .poll(async () => (await api('GET', `/api/regrades/${regrade.body.id}`, ADMIN)).body, { timeout: 60_000, interval: 200 })
      .toMatchObject({ total: 1, done: 1, failed: 0, pending: 0, finished: true });
    const after = await api('GET', `/api/submissions/${submitted.body.id}`, ada);
    expect(after.body).toMatchObject({ status: 'done', score: 100, attempts: 1 });
    expect(service.store.submissions.get(submitted.body.id)?.generation).toBe(1);
  });

  it('grades a teacher-defined assignment from its file, and hides its hidden tests from the student', async () => {
    const assignmentsDir = join(services.tmp, `assignments-${services.queueName}`);
    await mkdir(assignmentsDir, { recursive: true });
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await writeFile(
      join(assignmentsDir, 'echo-ws.yaml'),
      [
        'id: echo-ws-test',
        'basedOn: echo-tcp-server',
        'title: Echo (test term)',
        `deadline: ${deadline}`,
        'tests:',
        '  - {id: short-ascii, points: 20}',
        '  - {id: greeting, from: short-ascii, name: A greeting, points: 50, params: {text: "Moin moin!"}, visibility: hidden-until-deadline}',
        '  - {id: non-utf8, points: 30, visibility: hidden}',
        '',
      ].join('\n'),
    );
    const service = await start({ assignmentsDir });
    const api = client(service);
    const ada = (await api('POST', '/api/users', ADMIN, { name: 'ada' })).body.token as string;
    const listed = (await api('GET', '/api/assignments/echo-ws-test', ada)).body;
    expect(listed).toMatchObject({ id: 'echo-ws-test', maxScore: 100, deadline: expect.any(String) });
    const submitted = await api('POST', '/api/submissions', ada, { ...(await fixtureUpload('echo-tcp-server', 'course')), assignment: 'echo-ws-test' });
    expect(submitted.status).toBe(202);
    const seen = await waitUntilFinished(api, submitted.body.id, ada);
    // The course server crashes on the non-UTF-8 test, so it runs last: 20 + 50 of 100; the student sees the visible 20 of 20.
    expect(seen).toMatchObject({ status: 'done', score: 20, maxScore: 20, hiddenTests: { count: 2, maxScore: 80 } });
    expect(seen.report.tests.map((test: { id: string; status?: string }) => [test.id, test.status ?? 'hidden'])).toEqual([
      ['short-ascii', 'passed'],
      ['hidden-1', 'hidden'],
      ['hidden-2', 'hidden'],
    ]);
    const full = (await api('GET', `/api/submissions/${submitted.body.id}`, ADMIN)).body;
    expect(full).toMatchObject({ score: 70, rawScore: 70, maxScore: 100 });
    expect(full.report.tests.map((test: { id: string; score: number }) => [test.id, test.score])).toEqual([
      ['short-ascii', 20],
      ['greeting', 50],
      ['non-utf8', 0],
    ]);
  });
  it('takes an assignment file uploaded through the API at once: refused with file:line while wrong, then graded without a restart', async () => {
    const assignmentsDir = join(services.tmp, `assignments-api-${services.queueName}`);
    const service = await start({ assignmentsDir });
    const api = client(service);
    const ada = (await api('POST', '/api/users', ADMIN, { name: 'ada' })).body.token as string;
    const wrong = await api('PUT', '/api/assignment-files/echo-api', ADMIN, { yaml: 'id: echo-api\nbasedOn: echo-tcp-server\ntitel: Echo\n' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.problems.map((p: { text: string }) => p.text)).toContainEqual(expect.stringMatching(/^assignments-api-[^/]+\/echo-api\.yaml:3: titel: /));
    expect((await api('GET', '/api/assignments/echo-api', ada)).status).toBe(404);

    const yaml = 'id: echo-api\nbasedOn: echo-tcp-server\ntitle: Echo (uploaded)\ntests:\n  - {id: short-ascii, points: 100}\n';
    expect((await api('PUT', '/api/assignment-files/echo-api', ADMIN, { yaml })).status).toBe(201);
    expect((await api('GET', '/api/assignments/echo-api', ada)).body).toMatchObject({ title: 'Echo (uploaded)', maxScore: 100 });
    const submitted = await api('POST', '/api/submissions', ada, { ...(await fixtureUpload('echo-tcp-server', 'course')), assignment: 'echo-api' });
    expect(submitted.status).toBe(202);
    const seen = await waitUntilFinished(api, submitted.body.id, ada);
    expect(seen).toMatchObject({ status: 'done', score: 100, maxScore: 100 });
    expect(seen.report.tests.map((test: { id: string; status: string }) => [test.id, test.status])).toEqual([['short-ascii', 'passed']]);
  });
});

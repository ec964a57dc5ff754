import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../web/config.js';
import type { RunningService } from '../../web/service.js';
import { readEventStream, type SseEvent } from '../../web/testing/api-harness.js';
import { repoDir } from './harness.js';
import { serviceApi, type ServiceApi } from './service-api.js';
import { useTestServices } from './service-under-test.js';

// Issue #12: hidden tests stay hidden whatever the student's program does. Hostile probes
// (test/fixtures/hidden-probes/) graded through the real service (Redis, Docker, SQLite,
// HTTP, SSE) against teacher files that put a hidden test before the visible ones.
const probes = resolve(repoDir, 'test/fixtures/hidden-probes');
/** What the student must never see: the hidden inputs, the hidden tests' ids and names. */
const SECRETS = /GEHEIM|4711|SPAETER|0815|verborgen|spaeter|Erst nach/i;
const services = useTestServices('hidden', { workerConcurrency: 3 });
const ADMIN = services.adminToken;

async function start(assignmentFiles: Record<string, string>, overrides: Partial<ServiceConfig> = {}): Promise<{ service: RunningService; api: ServiceApi }> {
  const service = await services.start(overrides, assignmentFiles);
  return { service, api: serviceApi(service.url) };
}

const probeFile = (name: string) => readFile(join(probes, 'assignments', name), 'utf8');
const upload = async (assignment: string, probe: string, entry: string) => ({
  assignment,
  files: { [entry]: (await readFile(join(probes, probe, entry))).toString('base64') },
});

/** Hands in as the student and follows the grading over SSE until `done`; returns every event. */
async function submitAndWatch(service: RunningService, api: ServiceApi, token: string, body: unknown): Promise<{ id: string; events: SseEvent[] }> {
  const created = await api('POST', '/api/submissions', token, body);
  expect(created.status).toBe(202);
  const events: SseEvent[] = [];
  await readEventStream(`${service.url}/api/submissions/${created.body.id}/events`, token, (event) => events.push(event), AbortSignal.timeout(120_000));
  return { id: created.body.id as string, events };
}

const statuses = (report: { tests: { id: string; status?: string; score?: number }[] }) => report.tests.map((t) => [t.id, t.status ?? 'hidden', t.score ?? null]);

describe('hidden tests, graded through the service', () => {
  it('never show a student their input, output or id, whatever the program does; the teacher sees all', async () => {
    const { service, api } = await start({
      'server.yaml': await probeFile('echo-hidden-probe.yaml'),
      'client.yaml': await probeFile('echo-client-hidden-probe.yaml'),
    });
    const ada = (await api('POST', '/api/users', ADMIN, { name: 'ada' })).body.token as string;
    const [history, traceback, telltale] = await Promise.all([
      submitAndWatch(service, api, ada, await upload('echo-hidden-probe', 'history-echo-server', 'server.py')),
      submitAndWatch(service, api, ada, await upload('echo-hidden-probe', 'traceback-server', 'server.py')),
      submitAndWatch(service, api, ada, await upload('echo-client-hidden-probe', 'telltale-client', 'client.py')),
    ]);

    for (const { id, events } of [history, traceback, telltale]) {
      // Everything the student got: the stream's status, progress and done events, the submission, the list.
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { id, status: 'done' } });
      const seen = await api('GET', `/api/submissions/${id}`, ada);
      const listed = await api('GET', '/api/submissions', ada);
      for (const payload of [...events.map((event) => event.data), seen.body, listed.body]) expect(JSON.stringify(payload)).not.toMatch(SECRETS);
      // The markers did reach the program: the teacher's view has them.
      const full = await api('GET', `/api/submissions/${id}`, ADMIN);
      expect(JSON.stringify(full.body)).toMatch(/GEHEIM-4711/);
      expect(full.body.report.groups.map((g: { visibility: string }) => g.visibility)).toEqual(
        id === telltale.id ? ['visible', 'hidden'] : ['visible', 'hidden-until-deadline', 'hidden'],
      );
    }

    // (a) History echoed into every answer: the visible run's history holds visible input only.
    const a = (await api('GET', `/api/submissions/${history.id}`, ada)).body;
    expect(a).toMatchObject({ status: 'done', score: 20, maxScore: 60, hiddenTests: { count: 2, maxScore: 40 } });
    expect(statuses(a.report)).toEqual([
      ['hidden-1', 'hidden', null],
      ['short-ascii', 'passed', 20],
      ['hidden-2', 'hidden', null],
      ['utf8-text', 'failed', 0],
    ]);
    expect(JSON.stringify(a.report.tests[3].transcript)).toContain('<<history: Hallo>>');
    expect(a.report.logs.stdout).toContain('history: Hallo');
    const aFull = (await api('GET', `/api/submissions/${history.id}`, ADMIN)).body;
    expect(aFull).toMatchObject({ score: 60, rawScore: 60, maxScore: 100 });
    expect(statuses(aFull.report)).toEqual([
      ['verborgen', 'passed', 30],
      ['short-ascii', 'passed', 20],
      ['spaeter', 'passed', 10],
      ['utf8-text', 'failed', 0],
    ]);
    expect(aFull.report.groups[2].logs.stdout).toContain('history: GEHEIM-4711');
    // Issue #13: a test carries what the program printed during it, and a hidden test takes
    // its output with it: the student's hidden entries have no key beyond these.
    const hiddenKeys = ['hidden', 'id', 'maxScore', 'name', 'shownAfter'];
    for (const report of [a.report, (await api('GET', `/api/submissions/${traceback.id}`, ada)).body.report]) {
      const hidden = report.tests.filter((test: { hidden?: boolean }) => test.hidden);
      expect(hidden).toHaveLength(2);
      for (const test of hidden) expect(Object.keys(test).sort()).toEqual(hiddenKeys);
    }
    // The history line is printed after the server closed the connection: it is placed by
    // arrival (README), under the visible test that ran then or the next one; never a hidden one.
    const visibleOutput = [a.report.tests[1], a.report.tests[3]].map((test: { output?: { stdout: string } }) => test.output?.stdout ?? '').join('');
    expect(visibleOutput).toContain('history: Hallo');
    expect(JSON.stringify([aFull.report.tests[0].output, aFull.report.tests[2].output])).toMatch(/GEHEIM-4711/);
    // The whole grading's time: the three runs one after the other.
    const runTimes = aFull.report.groups.map((g: { durationMs: number }) => g.durationMs);
    expect(runTimes.every((ms: number) => ms > 0)).toBe(true);
    expect(aFull.report.durationMs).toBeGreaterThanOrEqual(runTimes.reduce((sum: number, ms: number) => sum + ms, 0));
    expect(a.report.durationMs).toBe(aFull.report.durationMs);

    // (b) A crash with the hidden input in its traceback: the visible run never saw it.
    const b = (await api('GET', `/api/submissions/${traceback.id}`, ada)).body;
    expect(b).toMatchObject({ status: 'done', score: 60, maxScore: 60, hiddenTests: { count: 2, maxScore: 40 } });
    expect(statuses(b.report)).toEqual([
      ['hidden-1', 'hidden', null],
      ['short-ascii', 'passed', 20],
      ['hidden-2', 'hidden', null],
      ['utf8-text', 'passed', 40],
    ]);
    expect(b.report.logs.stdout).toContain('received: Hallo');
    const bFull = (await api('GET', `/api/submissions/${traceback.id}`, ADMIN)).body;
    expect(bFull).toMatchObject({ score: 60, rawScore: 60, maxScore: 100 });
    expect(statuses(bFull.report)).toEqual([
      ['verborgen', 'failed', 0],
      ['short-ascii', 'passed', 20],
      ['spaeter', 'failed', 0],
      ['utf8-text', 'passed', 40],
    ]);
    expect(bFull.report.groups[2].logs.stderr).toContain("unexpected message from the grader: 'GEHEIM-4711'");
    expect(bFull.report.tests[0].output.stderr).toContain("unexpected message from the grader: 'GEHEIM-4711'");

    // (c) A client printing what the hidden test's mock server sent.
    const c = (await api('GET', `/api/submissions/${telltale.id}`, ada)).body;
    expect(c).toMatchObject({ status: 'done', score: 60, maxScore: 60, hiddenTests: { count: 1, maxScore: 40 } });
    expect(statuses(c.report)).toEqual([
      ['hidden-1', 'hidden', null],
      ['prints-echo', 'passed', 30],
      ['utf8-text', 'passed', 30],
    ]);
    // Now that the hidden runs are apart, the student sees the visible runs' output.
    expect(c.report.logs.stdout).toContain('Hallo Echo-Server!');
    const cFull = (await api('GET', `/api/submissions/${telltale.id}`, ADMIN)).body;
    expect(cFull).toMatchObject({ score: 100, rawScore: 100, maxScore: 100 });
    expect(cFull.report.groups[1].logs.stderr).toContain('the mock server sent: GEHEIM-4711');
    expect(cFull.report.tests[0].output.stderr).toContain('the mock server sent: GEHEIM-4711');
    expect(c.report.tests[1].output.stdout).toContain('Hallo Echo-Server!');
  });
});

describe('the built-in a teacher assignment is based on', () => {
  const closed = (id: string) => ({
    status: 403,
    body: {
      error: {
        code: 'ASSIGNMENT_CLOSED',
        message: `The assignment \`${id}\` is not open to students. Hand in to one of your teacher's assignments instead: GET /api/assignments lists them.`,
      },
    },
  });
  const ids = async (api: ServiceApi, token: string) => (await api('GET', '/api/assignments', token)).body.assignments.map((a: { id: string }) => a.id) as string[];
  const submitTo = async (api: ServiceApi, token: string, assignment: string) => api('POST', '/api/submissions', token, await upload(assignment, 'traceback-server', 'server.py'));

  it('is closed to students (no oracle), open with `openBase: true`, and SOCKGRADE_STUDENT_ASSIGNMENTS=teacher shows students only teacher files', async () => {
    const file = await probeFile('echo-hidden-probe.yaml');
    const first = await start({ 'server.yaml': file }, { workerConcurrency: 0 });
    const ada = (await first.api('POST', '/api/users', ADMIN, { name: 'ada' })).body.token as string;
    expect(await submitTo(first.api, ada, 'echo-tcp-server')).toEqual(closed('echo-tcp-server'));
    expect(await first.api('GET', '/api/assignments/echo-tcp-server', ada)).toEqual(closed('echo-tcp-server'));
    expect(await ids(first.api, ada)).not.toContain('echo-tcp-server');
    expect(await ids(first.api, ada)).toEqual(expect.arrayContaining(['echo-udp-server', 'echo-hidden-probe']));
    expect(first.service.store.submissions.count()).toBe(0);
    // Teachers still see and hand in to everything.
    expect(await ids(first.api, ADMIN)).toContain('echo-tcp-server');
    expect((await submitTo(first.api, ADMIN, 'echo-tcp-server')).status).toBe(202);
    expect((await submitTo(first.api, ada, 'echo-hidden-probe')).status).toBe(202);
    await first.service.close();

    services.renewQueue();
    const opened = await start({ 'server.yaml': `${file}openBase: true\n` }, { workerConcurrency: 0 });
    const bob = (await opened.api('POST', '/api/users', ADMIN, { name: 'bob' })).body.token as string;
    expect(await ids(opened.api, bob)).toContain('echo-tcp-server');
    expect((await submitTo(opened.api, bob, 'echo-tcp-server')).status).toBe(202);
    await opened.service.close();

    services.renewQueue();
    const teacherOnly = await start({ 'server.yaml': `${file}openBase: true\n` }, { workerConcurrency: 0, studentAssignments: 'teacher' });
    const cy = (await teacherOnly.api('POST', '/api/users', ADMIN, { name: 'cy' })).body.token as string;
    expect(await ids(teacherOnly.api, cy)).toEqual(['echo-hidden-probe']);
    expect(await submitTo(teacherOnly.api, cy, 'echo-tcp-server')).toEqual(closed('echo-tcp-server'));
    expect(await submitTo(teacherOnly.api, cy, 'echo-udp-server')).toEqual(closed('echo-udp-server'));
    expect((await submitTo(teacherOnly.api, cy, 'echo-hidden-probe')).status).toBe(202);
    expect(await ids(teacherOnly.api, ADMIN)).toContain('echo-udp-server');
  });
});

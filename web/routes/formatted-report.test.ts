import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GradingReport, TestReport } from '../../grader/report.js';
import { checkJunit10, childrenNamed, parseXml } from '../../test/strict-xml.js';
import { startApiHarnessWithFiles, type ApiHarness } from '../testing/api-harness.js';

// Issue #10: `GET /api/submissions/:id?format=junit|gradescope` formats the report the
// viewer may see, with the hidden-test rules of the JSON view.
const FUTURE = '2099-12-20T23:59:00+01:00';
/** A day and a half ago: two days started, 20 % off at 10 % a day. */
const PAST = `${new Date(Date.now() - 36 * 3600_000).toISOString().slice(0, 16)}:00+00:00`;
const FILES = {
  'ws2026.yaml': `
id: echo-ws2026
title: Echo (WS 2026)
basedOn: echo-tcp-server
tests:
  - id: short-ascii
    points: 40
  - id: two-clients
    points: 20
    visibility: hidden
  - id: successive
    points: 40
    visibility: hidden-until-deadline
deadline: ${FUTURE}
`,
  'old.yaml': `
id: echo-2020
title: Echo (late)
basedOn: echo-tcp-server
tests:
  - id: short-ascii
    points: 100
deadline: ${PAST}
late: {policy: penalty, penaltyPercentPerDay: 10}
`,
};

let h: ApiHarness;
let teacher: string;
let ada: string;
let adaId: number;
let bob: string;

beforeEach(async () => {
  h = await startApiHarnessWithFiles(FILES);
  teacher = h.addUser('teacher', 'teacher').token;
  ({ token: ada, id: adaId } = h.addUser('ada', 'student'));
  bob = h.addUser('bob', 'student').token;
});

afterEach(() => h.close());

const test = (id: string, name: string, score: number, maxScore: number): TestReport => ({
  id,
  name,
  score,
  maxScore,
  status: score === maxScore ? 'passed' : 'failed',
  feedback: `what happened in ${id}\nsecond line`,
  transcript: [{ t: 7, dir: 'send', conn: 'conn 1', text: `sent in ${id}`, bytes: 10 }],
});

function graded(assignmentId: string, tests: TestReport[], groups?: GradingReport['groups']): string {
  const submission = h.store.submissions.create({ userId: adaId, assignmentId, files: { 'server.py': 'cHJpbnQoMSkK' } }, Date.now());
  const report: GradingReport = {
    assignment: assignmentId,
    score: tests.reduce((sum, t) => sum + t.score, 0),
    maxScore: tests.reduce((sum, t) => sum + t.maxScore, 0),
    durationMs: 1500,
    tests,
    logs: { stdout: 'visible run output\n', stderr: '' },
    ...(groups ? { groups } : {}),
  };
  expect(h.store.submissions.markDone(submission.id, report)).toBe(true);
  return submission.id;
}

function ws2026(): string {
  return graded('echo-ws2026', [test('short-ascii', 'A short message', 40, 40), test('two-clients', 'Two clients', 0, 20), test('successive', 'Successive', 40, 40)], [
    { visibility: 'visible', tests: ['short-ascii'], durationMs: 500, logs: { stdout: 'visible run output\n', stderr: '' } },
    { visibility: 'hidden-until-deadline', tests: ['successive'], durationMs: 500, logs: { stdout: 'sent in successive\n', stderr: '' } },
    { visibility: 'hidden', tests: ['two-clients'], durationMs: 500, logs: { stdout: 'sent in two-clients\n', stderr: '' } },
  ]);
}

describe('GET /api/submissions/:id?format=', () => {
  it('gives a student JUnit XML of what they may see: hidden tests skipped, nothing of them but their points', async () => {
    const id = ws2026();
    const response = await h.request('GET', `/api/submissions/${id}?format=junit`, { token: ada });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const root = parseXml(response.text);
    checkJunit10(root);
    const suite = childrenNamed(root, 'testsuite')[0]!;
    expect(suite.attrs).toMatchObject({ name: 'echo-ws2026', tests: '3', failures: '0', errors: '0', skipped: '2', time: '1.500' });
    expect(childrenNamed(suite, 'testcase').map((c) => [c.attrs.name, c.children.map((child) => child.name)])).toEqual([
      ['A short message', []],
      ['Hidden test (hidden-1)', ['skipped']],
      ['Hidden test (hidden-2)', ['skipped']],
    ]);
    expect(childrenNamed(suite, 'system-out')[0]!.text).toBe('visible run output\n');
    expect(response.text).not.toMatch(/two-clients|successive|Two clients|Successive/);
  });

  it('gives a teacher Gradescope results.json of every test, each marked with its rule', async () => {
    const id = ws2026();
    const response = await h.request('GET', `/api/submissions/${id}?format=gradescope`, { token: teacher });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.body.score).toBe(80);
    expect(response.body.execution_time).toBe(1.5);
    expect(response.body.tests.map((t: any) => [t.name, t.score, t.max_score, t.status, t.visibility])).toEqual([
      ['A short message', 40, 40, 'passed', 'visible'],
      ['Two clients', 0, 20, 'failed', 'hidden'],
      ['Successive', 40, 40, 'passed', 'after_due_date'],
    ]);
    expect(response.body.tests[1].output).toBe('what happened in two-clients\nsecond line');
  });

  it('gives a student Gradescope results.json without a hidden test’s score, status or output', async () => {
    const id = ws2026();
    const response = await h.request('GET', `/api/submissions/${id}?format=gradescope`, { token: ada });
    expect(response.status).toBe(200);
    expect(response.body.score).toBe(40);
    expect(response.body.tests).toEqual([
      { name: 'A short message', score: 40, max_score: 40, status: 'passed', output: 'what happened in short-ascii\nsecond line', visibility: 'visible' },
      { name: 'Hidden test', max_score: 20, output: 'This test stays hidden.', visibility: 'hidden' },
      { name: 'Hidden test', max_score: 40, output: 'Shown after 2099-12-20T23:59:00+01:00.', visibility: 'after_due_date' },
    ]);
    expect(response.text).not.toMatch(/two-clients|successive|Two clients|Successive/);
  });

  it('counts the late penalty in Gradescope’s score, and says so', async () => {
    const id = graded('echo-2020', [test('short-ascii', 'A short message', 100, 100)]);
    const response = await h.request('GET', `/api/submissions/${id}?format=gradescope`, { token: ada });
    expect(response.body.score).toBe(80);
    expect(response.body.output.split('\n').slice(0, 2)).toEqual(['echo-2020: 100/100 points', 'Score that counts: 80 (20 % late penalty)']);
  });

  it('refuses an unknown format (400), a submission not graded yet (409), someone else’s (404); json stays the view', async () => {
    const id = ws2026();
    expect((await h.request('GET', `/api/submissions/${id}?format=xml`, { token: ada })).body).toEqual({ error: { code: 'BAD_REQUEST', message: '`format` must be `json`, `junit` or `gradescope`.' } });
    expect((await h.request('GET', `/api/submissions/${id}?format=junit`, { token: bob })).status).toBe(404);
    expect((await h.request('GET', `/api/submissions/${id}?format=json`, { token: ada })).body).toMatchObject({ id, status: 'done', score: 40, report: { score: 40 } });
    const waiting = h.store.submissions.create({ userId: adaId, assignmentId: 'echo-ws2026', files: { 'server.py': 'cHJpbnQoMSkK' } }, Date.now());
    const early = await h.request('GET', `/api/submissions/${waiting.id}?format=gradescope`, { token: ada });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(`Submission ${waiting.id} is not graded yet (queued); ask again when it is done.`);
  });
});

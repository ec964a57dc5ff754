import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './testing/api-harness.js';

let h: ApiHarness;
let teacher: string;
let ada: string;
let bob: string;

beforeEach(async () => {
  h = await startApiHarness();
  teacher = h.addUser('teacher', 'teacher').token;
  ada = h.addUser('ada', 'student').token;
  bob = h.addUser('bob', 'student').token;
});
afterEach(() => h.close());

const upload = (files: Record<string, string> = { 'server.py': Buffer.from('print(1)\n').toString('base64') }) => ({
  assignment: 'echo-tcp-server',
  files,
});

describe('authentication', () => {
  it('answers 401 without a token or with an unknown one, in the error shape', async () => {
    const none = await h.api('GET', '/api/assignments');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/Bearer/) } });
    expect((await h.api('GET', '/api/assignments', 'sgk_nope')).status).toBe(401);
    expect((await h.api('POST', '/api/submissions', undefined, upload())).status).toBe(401);
    expect(h.store.submissions.count()).toBe(0);
  });

  it('lets anyone check health without a token', async () => {
    const health = await h.api('GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', checks: { db: { ok: true } } } });
  });
});

describe('submissions', () => {
  it('stores an upload as queued, then enqueues it with the assignment and files', async () => {
    const created = await h.api('POST', '/api/submissions', ada, upload());
    expect(created.status).toBe(202);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/), status: 'queued' });
    expect(created.headers.get('location')).toBe(`/api/submissions/${created.body.id}`);
    expect(h.queue.jobs).toHaveLength(1);
    expect(h.queue.jobs[0]).toMatchObject({ submissionId: created.body.id, assignment: { id: 'echo-tcp-server' } });
    const read = await h.api('GET', `/api/submissions/${created.body.id}`, ada);
    expect(read.body).toMatchObject({ id: created.body.id, assignment: 'echo-tcp-server', status: 'queued', user: { name: 'ada' }, report: null });
  });

  it('keeps the submission when Redis is down: the reconciler enqueues it later', async () => {
    h.queue.fail = true;
    const created = await h.api('POST', '/api/submissions', ada, upload());
    expect(created.status).toBe(202);
    expect(h.store.submissions.get(created.body.id)?.status).toBe('queued');
  });

  it('shows a student only their own submissions (404 for others’), a teacher all', async () => {
    const mine = (await h.api('POST', '/api/submissions', ada, upload())).body.id;
    expect((await h.api('GET', `/api/submissions/${mine}`, bob)).status).toBe(404);
    expect((await h.api('GET', `/api/submissions/${mine}`, bob)).body.error.code).toBe('NOT_FOUND');
    expect((await h.api('GET', `/api/submissions/${mine}`, teacher)).status).toBe(200);
    expect((await h.api('GET', '/api/submissions', bob)).body.submissions).toEqual([]);
    expect((await h.api('GET', '/api/submissions', ada)).body.submissions).toHaveLength(1);
    expect((await h.api('GET', '/api/submissions', teacher)).body.submissions).toHaveLength(1);
    expect((await h.api('GET', '/api/submissions/nope', teacher)).status).toBe(404);
  });

  it.each([
    ['a zip-slip name', upload({ '../evil.py': 'eA==' }), 400, 'SUBMISSION_INVALID'],
    ['an absolute name', upload({ '/etc/evil.py': 'eA==' }), 400, 'SUBMISSION_INVALID'],
    ['a backslash', upload({ 'lib\\x.py': 'eA==' }), 400, 'SUBMISSION_INVALID'],
    ['content that is not base64', upload({ 'server.py': 'print(1)' }), 400, 'SUBMISSION_INVALID'],
    ['no files', upload({}), 400, 'SUBMISSION_INVALID'],
    ['a number for a file', { assignment: 'echo-tcp-server', files: { 'server.py': 1 } }, 400, 'BAD_REQUEST'],
    ['no assignment', { files: {} }, 400, 'BAD_REQUEST'],
    ['an array', [], 400, 'BAD_REQUEST'],
    ['broken JSON', '{"assignment": ', 400, 'INVALID_JSON'],
    ['an unknown assignment', { ...upload(), assignment: 'no-such-thing' }, 404, 'UNKNOWN_ASSIGNMENT'],
    ['too many files', upload(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}.py`, 'eA==']))), 413, 'PAYLOAD_TOO_LARGE'],
    ['more than 1 MiB of files', upload({ 'big.bin': Buffer.alloc(1024 * 1024 + 1).toString('base64') }), 413, 'PAYLOAD_TOO_LARGE'],
    ['a body over the JSON limit', upload({ 'big.bin': Buffer.alloc(2 * 1024 * 1024).toString('base64') }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s and stores nothing', async (_what, body, status, code) => {
    const response = await h.api('POST', '/api/submissions', ada, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(h.store.submissions.count()).toBe(0);
    expect(h.queue.jobs).toEqual([]);
  });
});

describe('assignments', () => {
  it('lists the built-in ones and shows one with its exercise sheet', async () => {
    const list = await h.api('GET', '/api/assignments', ada);
    expect(list.body.assignments.map((a: { id: string }) => a.id)).toContain('echo-tcp-server');
    const one = await h.api('GET', '/api/assignments/echo-tcp-server', ada);
    expect(one.body).toMatchObject({ id: 'echo-tcp-server', entry: 'server.py', maxScore: 100, description: { en: expect.any(String), de: expect.any(String) } });
    expect(one.body.tests[0]).toEqual({ id: 'short-ascii', name: expect.any(String), points: 15, visibility: 'visible' });
    expect((await h.api('GET', '/api/assignments/nope', ada)).body.error.code).toBe('UNKNOWN_ASSIGNMENT');
  });
});

describe('users and tokens', () => {
  it('lets a teacher add a user and hands back a working token; a student may not', async () => {
    const created = await h.api('POST', '/api/users', teacher, { name: 'cleo', password: 'long enough' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user: { name: 'cleo', role: 'student' }, token: expect.stringMatching(/^sgk_/) });
    expect((await h.api('GET', '/api/submissions', created.body.token)).status).toBe(200);
    expect((await h.api('POST', '/api/users', teacher, { name: 'CLEO' })).status).toBe(409);
    expect((await h.api('POST', '/api/users', teacher, { name: 'no spaces please' })).status).toBe(400);
    const denied = await h.api('POST', '/api/users', ada, { name: 'mallory', role: 'teacher' });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('trades name and password for a token, and says nothing about which was wrong', async () => {
    await h.api('POST', '/api/users', teacher, { name: 'cleo', password: 'long enough' });
    const login = await h.api('POST', '/api/tokens', undefined, { name: 'cleo', password: 'long enough' });
    expect(login.status).toBe(201);
    expect((await h.api('GET', '/api/assignments', login.body.token)).status).toBe(200);
    const wrong = await h.api('POST', '/api/tokens', undefined, { name: 'cleo', password: 'wrong' });
    const unknown = await h.api('POST', '/api/tokens', undefined, { name: 'nobody', password: 'wrong' });
    expect(wrong).toMatchObject({ status: 401, body: { error: { message: 'Wrong name or password.' } } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    expect(await h.api('GET', '/api/nothing', ada)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});

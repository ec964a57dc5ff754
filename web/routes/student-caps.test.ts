import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { verdictReport } from '../../grader/report.js';
import { QueueResultRecorder } from '../results/queue-result-recorder.js';
import { readEventStream, startApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { DEFAULT_INTAKE } from './submissions-router.js';

// Issue #12, "unbounded per-student resources": disk, superseded files, event streams, and
// bodies read before anyone is known.
const KiB = 1024;
const upload = (bytes: number, assignment = 'echo-tcp-server') => ({ assignment, files: { 'server.py': Buffer.alloc(bytes, 'x').toString('base64') } });

let h: ApiHarness;
let teacher: string;
let ada: { id: number; token: string };
let bob: { id: number; token: string };

beforeEach(async () => {
  h = await startApiHarness({ intake: { ...DEFAULT_INTAKE, maxInFlightPerStudent: 50, studentQuotaBytes: 10 * KiB, maxStreamsPerUser: 2 } });
  teacher = h.addUser('teacher', 'teacher').token;
  ada = h.addUser('ada', 'student');
  bob = h.addUser('bob', 'student');
});
afterEach(() => h.close());

describe('superseded submissions’ files', () => {
  it('are dropped, the row stays, and a regrade of one is refused saying why', async () => {
    const first = (await h.api('POST', '/api/submissions', ada.token, upload(4 * KiB))).body.id;
    expect(h.store.submissions.storedBytes(ada.id)).toBe(4 * KiB);
    const second = (await h.api('POST', '/api/submissions', ada.token, upload(3 * KiB))).body.id;
    expect(h.store.submissions.get(first)).toMatchObject({ status: 'superseded', supersededBy: second });
    expect(h.store.submissions.files(first)).toBeUndefined();
    expect(h.store.submissions.files(second)).toEqual(upload(3 * KiB).files);
    expect(h.store.submissions.storedBytes(ada.id)).toBe(3 * KiB);
    // Still listed and shown, without files.
    const listed = await h.api('GET', '/api/submissions', ada.token);
    expect(listed.body.submissions.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      [second, 'queued'],
      [first, 'superseded'],
    ]);
    expect((await h.api('GET', `/api/submissions/${first}`, ada.token)).body).toMatchObject({ status: 'superseded' });
    const regrade = await h.api('POST', `/api/submissions/${first}/regrade`, teacher);
    expect(regrade.status).toBe(409);
    expect(regrade.body.error.message).toBe(`Submission \`${first}\` was superseded by a newer one and is never graded.`);
  });
});

describe('parallel hand-ins of one student', () => {
  it('cannot pass the in-flight limit together, also while superseding waits on the queue', async () => {
    await h.close();
    h = await startApiHarness({ intake: { ...DEFAULT_INTAKE, maxInFlightPerStudent: 2 } });
    const token = h.addUser('ada', 'student').token;
    const ids = [(await h.api('POST', '/api/submissions', token, upload(10))).body.id];
    h.queue.discardDelayMs = 30;
    // All of the same assignment: each first waits on taking its predecessor's job out.
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.api('POST', '/api/submissions', token, upload(10))));
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 202, 429, 429, 429, 429, 429, 429]);
    expect(answers.every((answer) => answer.status === 202 || answer.body.error.code === 'TOO_MANY_QUEUED')).toBe(true);
    const userId = h.store.users.byName('ada')!.id;
    expect(h.store.submissions.countInFlight(userId)).toBeLessThanOrEqual(2);
    ids.push(...answers.filter((answer) => answer.status === 202).map((answer) => answer.body.id));
    // Every accepted one is either waiting or superseded by a later one, never lost.
    for (const id of ids) expect(['queued', 'superseded']).toContain(h.store.submissions.get(id)?.status);
  });
});

describe('the per-student disk quota', () => {
  it('answers 413 naming the quota and what is used; superseding frees space; teachers have none', async () => {
    const echo = getAssignment('echo-tcp-server')!;
    const done = (await h.api('POST', '/api/submissions', ada.token, upload(6 * KiB))).body.id;
    const recorder = new QueueResultRecorder(h.store, 'q');
    recorder.handle('completed', { jobId: `sub-${done}`, returnvalue: verdictReport(echo, 'failed', 'x', 0) });
    const before = h.store.submissions.count();
    const refused = await h.api('POST', '/api/submissions', ada.token, upload(5 * KiB, 'echo-udp-server'));
    expect(refused.status).toBe(413);
    expect(refused.body.error).toEqual({
      code: 'QUOTA_EXCEEDED',
      message:
        'Your stored submissions take 6 KiB of your 10 KiB quota, and this one (5 KiB) does not fit. Submit only your source files; if that is what you did, ask your teacher to raise the quota.',
    });
    expect(h.store.submissions.count()).toBe(before);
    // Up to the quota exactly is fine.
    const fits = (await h.api('POST', '/api/submissions', ada.token, upload(4 * KiB, 'echo-udp-server'))).body.id;
    expect(h.store.submissions.storedBytes(ada.id)).toBe(10 * KiB);
    expect((await h.api('POST', '/api/submissions', ada.token, upload(1, 'daytime-tcp-server'))).status).toBe(413);
    // Bob has his own quota; the teacher none.
    expect((await h.api('POST', '/api/submissions', bob.token, upload(8 * KiB))).status).toBe(202);
    expect((await h.api('POST', '/api/submissions', teacher, upload(20 * KiB))).status).toBe(202);
    // A new submission of the same assignment supersedes `fits`: its 4 KiB make room.
    const replacing = await h.api('POST', '/api/submissions', ada.token, upload(3 * KiB, 'echo-udp-server'));
    expect(replacing.status).toBe(202);
    expect(h.store.submissions.get(fits)?.status).toBe('superseded');
    expect(h.store.submissions.storedBytes(ada.id)).toBe(9 * KiB);
    // Unless a worker already holds it: then it stays, and so do its bytes.
    h.queue.held.add(`sub-${replacing.body.id}`);
    const blocked = await h.api('POST', '/api/submissions', ada.token, upload(3 * KiB, 'echo-udp-server'));
    expect(blocked).toMatchObject({ status: 413, body: { error: { code: 'QUOTA_EXCEEDED' } } });
    expect(h.store.submissions.get(replacing.body.id)?.status).toBe('queued');
  });
});

describe('live event streams per user', () => {
  it('answers 429 beyond the cap, per user, and frees a place when a stream closes', async () => {
    const id = (await h.api('POST', '/api/submissions', ada.token, upload(10))).body.id;
    const url = `${h.base}/api/submissions/${id}/events`;
    const controllers = [new AbortController(), new AbortController()];
    const opened: Promise<void>[] = [];
    const readers = controllers.map((controller) => {
      let first!: () => void;
      opened.push(new Promise<void>((resolve) => (first = resolve)));
      return readEventStream(url, ada.token, () => first(), controller.signal).catch(() => {});
    });
    await Promise.all(opened);
    const third = await h.api('GET', `/api/submissions/${id}/events`, ada.token);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('10');
    expect(third.body.error).toEqual({ code: 'TOO_MANY_STREAMS', message: expect.stringMatching(/^You have 2 live views of submissions open; at most 2 are allowed at once\./) });
    // The teacher's streams are counted apart.
    const teacherStream = new AbortController();
    let teacherOpened!: () => void;
    const teacherOpen = new Promise<void>((resolve) => (teacherOpened = resolve));
    const teacherReader = readEventStream(url, teacher, () => teacherOpened(), teacherStream.signal).catch(() => {});
    await teacherOpen;
    controllers[0]!.abort();
    await readers[0];
    await expect.poll(() => h.events.listeners(id)).toBe(2);
    let again!: () => void;
    const reopened = new Promise<void>((resolve) => (again = resolve));
    const fourth = new AbortController();
    const reader = readEventStream(url, ada.token, () => again(), fourth.signal).catch(() => {});
    await reopened;
    for (const controller of [controllers[1]!, fourth, teacherStream]) controller.abort();
    await Promise.all([readers[1], reader, teacherReader]);
  });
});

describe('authentication before the body is read', () => {
  /** A POST that announces `length` bytes and sends only `sent` of them; resolves with the answer. */
  function partialPost(path: string, length: number, sent: number, token?: string): Promise<{ status: number; connection: string | undefined; body: any }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(length), ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const req = request(`${h.base}${path}`, { method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
      req.write(`{"assignment": "echo-tcp-server", "files": {"server.py": "${'A'.repeat(Math.max(0, sent - 60))}`);
    });
  }

  it('answers 401 to a stranger’s large JSON body without waiting for it, and closes the connection', async () => {
    // 1 MiB announced, 64 KiB sent, the rest never: before, express.json waited for all of it.
    const answer = await partialPost('/api/submissions', 1024 * KiB, 64 * KiB);
    expect(answer).toEqual({ status: 401, connection: 'close', body: { error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) } });
    // The same with a valid token is read in full (here: it never ends, so the client gives up).
    const stalled = partialPost('/api/submissions', 1024 * KiB, 64 * KiB, ada.token);
    const outcome = await Promise.race([stalled.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting for the body'), 300))]);
    expect(outcome).toBe('waiting for the body');
  });

  it('keeps the sign-in bodies small: 413 for a 64 KiB password', async () => {
    for (const path of ['/api/tokens', '/api/session']) {
      const response = await h.api('POST', path, undefined, { name: 'ada', password: 'x'.repeat(64 * KiB) });
      expect(response.status, path).toBe(413);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    // A normal sign-in attempt still reaches its route (wrong password: 401, not 413).
    expect((await h.api('POST', '/api/tokens', undefined, { name: 'ada', password: 'wrong-password' })).status).toBe(401);
  });
});

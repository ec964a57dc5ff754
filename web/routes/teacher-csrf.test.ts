import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { verdictReport } from '../../grader/report.js';
import { hashPassword } from '../auth/index.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
let submissionId: string;
let studentId: number;

beforeEach(async () => {
  h = await startApiHarness();
  h.addUser('teacher', 'teacher', { passwordHash: await hashPassword('teacher password') });
  studentId = h.addUser('ada', 'student').id;
  const submission = h.store.submissions.create({ userId: studentId, assignmentId: 'echo-tcp-server', files: {} });
  h.store.submissions.markDone(submission.id, verdictReport(getAssignment('echo-tcp-server')!, 'failed', 'x', 0));
  submissionId = submission.id;
});
afterEach(() => h.close());

describe('the teacher’s write routes under a browser session', () => {
  it('refuse requests without the session’s CSRF token and store nothing; with it, they work', async () => {
    const session = await h.request('POST', '/api/session', { json: { name: 'teacher', password: 'teacher password' } });
    const cookie = /^((?:__Host-)?sockgrade_session=[^;]+)/.exec(session.headers.getSetCookie()[0]!)![1]!;
    const csrf = session.body.csrfToken as string;
    const writes: [string, string, unknown][] = [
      ['PUT', `/api/submissions/${submissionId}/override`, { score: 1, comment: 'x' }],
      ['POST', '/api/users/roster', { csv: 'zed' }],
      ['POST', `/api/users/${studentId}/tokens`, {}],
      ['POST', `/api/users/${studentId}/password`, {}],
    ];
    for (const [method, path, json] of writes) {
      const forged = await h.request(method, path, { json, headers: { cookie } });
      expect(forged.status, path).toBe(403);
      expect(forged.body.error.code).toBe('CSRF_FAILED');
    }
    expect(h.store.overrides.history(submissionId)).toEqual([]);
    expect(h.store.users.byName('zed')).toBeUndefined();
    const allowed = await h.request('PUT', `/api/submissions/${submissionId}/override`, { json: { score: 1, comment: 'x' }, headers: { cookie, 'x-csrf-token': csrf } });
    expect(allowed.status).toBe(200);
    expect((await h.request('GET', '/api/gradebook', { headers: { cookie } })).status).toBe(200);
  });
});

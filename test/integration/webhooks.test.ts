import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GitRemote } from '../../web/git/git-remote.js';
import type { ApiHarness } from '../../web/testing/api-harness.js';
import { commitFiles, git, initWorkTree, startGitApi } from './git-client.js';

// Issue #10: push webhooks, with real git over file:// (never an outside host), real HTTP
// and SQLite; the queue is the API harness's fake (service-git-push.test.ts grades one).
let tmp: string;
let remote: GitRemote;
let h: ApiHarness;
let teacher: { id: number; token: string };
let ada: { id: number; token: string };
let work: string;
let bare: string;
let repoUrl: string;

const SERVER = 'print("echo")\n';
const SECRET = 'the-secret-the-teacher-set';

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-webhooks-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  ({ remote, h } = await startGitApi(tmp));
  teacher = h.addUser('teacher', 'teacher');
  ada = h.addUser('ada', 'student');
  // The student's repository on "hosted git": a bare repository reached over file://.
  bare = await mkdtemp(join(tmp, 'hosted-'));
  await git(bare, ['init', '--bare', '--quiet', '--initial-branch=main']);
  repoUrl = pathToFileURL(bare).toString();
  work = await mkdtemp(join(tmp, 'work-'));
  await initWorkTree(work);
});

afterEach(async () => {
  await h.close();
  await remote.close();
});

/** Commits, pushes to the hosted repository, and returns the new commit. */
async function pushToHost(files: Record<string, string>, ref = 'main'): Promise<string> {
  await commitFiles(work, files);
  const pushed = await git(work, ['push', '--quiet', bare, `main:${ref}`]);
  if (pushed.code !== 0) throw new Error(pushed.stderr);
  return (await git(work, ['rev-parse', 'HEAD'])).stdout.trim();
}

/** A GitHub-style push event, signed with `secret`. */
function deliver(after: string, options: { secret?: string; delivery?: string; ref?: string; url?: string; headers?: Record<string, string>; gitlab?: boolean } = {}) {
  const body = JSON.stringify({ ref: options.ref ?? 'refs/heads/main', before: '0'.repeat(40), after, repository: { clone_url: options.url ?? repoUrl, html_url: 'https://example.invalid/ada/echo' } });
  const signature = `sha256=${createHmac('sha256', options.secret ?? SECRET).update(body).digest('hex')}`;
  const delivery = options.delivery ?? randomUUID();
  const proof = options.gitlab
    ? { 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': delivery, 'x-gitlab-token': options.secret ?? SECRET }
    : { 'x-github-event': 'push', 'x-github-delivery': delivery, 'x-hub-signature-256': signature };
  return h.request('POST', '/api/hooks/push', { headers: { 'content-type': 'application/json', ...proof, ...options.headers }, body });
}

async function register(): Promise<void> {
  const created = await h.api('POST', '/api/hooks', teacher.token, { repository: repoUrl, user: 'ada', assignment: 'echo-tcp-server', secret: SECRET });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ repository: repoUrl, user: ada.id, assignment: 'echo-tcp-server', secret: SECRET, url: `${h.base}/api/hooks/push` });
}

describe('push webhooks', () => {
  it('are registered by teachers only, for http(s) and file URLs', async () => {
    expect((await h.api('POST', '/api/hooks', ada.token, { repository: repoUrl, user: 'ada', assignment: 'echo-tcp-server' })).status).toBe(403);
    const ssh = await h.api('POST', '/api/hooks', teacher.token, { repository: 'ssh://git@example.invalid/ada/echo.git', user: 'ada', assignment: 'echo-tcp-server' });
    expect(ssh.status).toBe(400);
    expect(ssh.body.error.message).toMatch(/http\(s\) or file URL/);
    await register();
    expect((await h.api('POST', '/api/hooks', teacher.token, { repository: repoUrl, user: 'ada', assignment: 'echo-tcp-server' })).status).toBe(409);
    const listed = await h.api('GET', '/api/hooks', teacher.token);
    expect(listed.body.hooks).toEqual([expect.objectContaining({ repository: repoUrl, user: ada.id })]);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
  });

  it('hand in the pushed commit for a good signature; a replay, a bad signature and an unknown repository create nothing', async () => {
    await register();
    const commit = await pushToHost({ 'hw1/server.py': SERVER });
    const delivery = randomUUID();
    const good = await deliver(commit, { delivery });
    expect(good.status).toBe(202);
    expect(h.store.submissions.get(good.body.id)).toMatchObject({ userId: ada.id, assignmentId: 'echo-tcp-server', status: 'queued' });
    expect(h.store.submissions.files(good.body.id)).toEqual({ 'server.py': Buffer.from(SERVER).toString('base64') });
    expect(h.queue.jobs.map((job) => job.submissionId)).toEqual([good.body.id]);

    const replay = await deliver(commit, { delivery });
    expect(replay.status).toBe(409);
    expect(replay.body.error.message).toBe(`Delivery ${delivery} was received already; it is not graded twice.`);

    const next = await pushToHost({ 'hw1/server.py': `${SERVER}# v2\n` });
    const forged = await deliver(next, { secret: 'not-the-secret-at-all' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/signature of this event does not match/);
    const unsigned = await deliver(next, { headers: { 'x-hub-signature-256': '' } });
    expect(unsigned.status).toBe(401);
    const unknown = await deliver(next, { url: 'file:///nowhere/else.git' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/^No repository of file:\/\/\/nowhere\/else\.git is registered here/);
    expect(h.store.submissions.count()).toBe(1);
    expect(h.queue.jobs).toHaveLength(1);

    // GitLab's way: the token itself, and its event UUID.
    const gitlab = await deliver(next, { gitlab: true });
    expect(gitlab.status).toBe(202);
    expect(h.store.submissions.count()).toBe(2);
  });

  it('grade nothing for another branch or unchanged files, and refuse what an upload would refuse', async () => {
    await register();
    const side = await pushToHost({ 'server.py': SERVER }, 'experiment');
    const other = await deliver(side, { ref: 'refs/heads/experiment' });
    expect(other.status).toBe(202);
    expect(other.body).toEqual({ graded: false, reason: 'only pushes to main or master are graded, not refs/heads/experiment' });
    const commit = await pushToHost({ 'server.py': SERVER });
    const first = await deliver(commit);
    expect(first.status).toBe(202);
    const again = await pushToHost({});
    const unchanged = await deliver(again);
    expect(unchanged.body).toEqual({ graded: false, reason: 'unchanged', since: first.body.id });
    const big = await pushToHost({ 'a.bin': 'x'.repeat(2 * 1024 * 1024) });
    const tooBig = await deliver(big);
    expect(tooBig.status).toBe(413);
    expect(h.store.submissions.count()).toBe(1);
  });
});

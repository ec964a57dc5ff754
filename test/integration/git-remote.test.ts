import { mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatReport } from '../../grader/cli/format-report.js';
import type { GradingReport } from '../../grader/report.js';
import { builtinAssignments, type AssignmentCatalog } from '../../web/assignment-catalog.js';
import { DEFAULT_POLICY } from '../../web/assignments/index.js';
import type { GitRemote } from '../../web/git/git-remote.js';
import { startApiHarness, type ApiHarness } from '../../web/testing/api-harness.js';
import { commitFiles, git, initWorkTree, remoteLines, remoteUrl, startGitApi } from './git-client.js';

// Issue #10: the git remote with real git, real HTTP and SQLite; the grading queue is the
// API harness's fake, and the test plays the worker, so every push's output is exact.
// service-git-push.test.ts grades through Docker.
let tmp: string;
let remote: GitRemote;
let h: ApiHarness;
let ada: { id: number; token: string };
let bob: { id: number; token: string };
let work: string;

const REPORT: GradingReport = {
  assignment: 'echo-tcp-server',
  score: 15,
  maxScore: 30,
  durationMs: 1200,
  tests: [
    { id: 'short-ascii', name: 'A short message', score: 15, maxScore: 15, status: 'passed', feedback: 'ok', transcript: [] },
    { id: 'utf8-text', name: 'Umlauts and €', score: 0, maxScore: 15, status: 'failed', feedback: 'We sent "Grüße" and got "Gr??e" back.\nSend the bytes you received.', transcript: [] },
  ],
  logs: { stdout: '', stderr: '' },
};

/**
 * Plays the worker, one step per tick as queue events would come: running, the first test,
 * done with REPORT. A job waits until its push follows it (a listener on its events), so
 * every step shows in the push's output.
 */
const stages = new Map<string, number>();
function gradeQueued(): void {
  for (const job of h.queue.jobs) {
    const id = job.submissionId;
    const stage = stages.get(id) ?? 0;
    if (stage === 0 && h.events.listeners(id) === 0) continue;
    stages.set(id, stage + 1);
    if (stage === 0) {
      h.store.submissions.markRunning(id);
      h.events.publish(id, 'active');
    } else if (stage === 1) {
      h.store.submissions.markProgress(id, { testsDone: 1, testsTotal: 2, test: { id: 'short-ascii', status: 'passed' } });
      h.events.publish(id, 'progress');
    } else if (stage === 2) {
      h.store.submissions.markDone(id, REPORT);
      h.events.publish(id, 'completed');
    }
  }
}

let worker: NodeJS.Timeout | undefined;
const startWorker = () => (worker = setInterval(gradeQueued, 100));

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-git-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  ({ remote, h } = await startGitApi(tmp));
  ada = h.addUser('ada', 'student');
  bob = h.addUser('bob', 'student');
  work = await mkdtemp(join(tmp, 'work-'));
  await initWorkTree(work);
});

afterEach(async () => {
  clearInterval(worker);
  await h.close();
  await remote.close();
});

const SERVER = 'import socket\nprint("echo")\n';
const adaUrl = () => remoteUrl(h.base, 'ada', ada.token, 'echo-tcp-server');

describe('the git remote', () => {
  it('hands in the pushed tree of main and shows the grading, then the table of `sockgrade grade`, as remote: lines', async () => {
    startWorker();
    await commitFiles(work, { 'hw1/server.py': SERVER });
    const push = await git(work, ['push', adaUrl(), 'main']);
    expect(push.code).toBe(0);
    const [submission] = h.store.submissions.list({ userId: ada.id });
    // One top folder is dropped, as in an uploaded archive.
    expect(h.store.submissions.files(submission!.id)).toEqual({ 'server.py': Buffer.from(SERVER).toString('base64') });
    const lines = remoteLines(push.stderr);
    expect(lines[0]).toMatch(new RegExp(`^Submission ${submission!.id}: 1 file of [0-9a-f]{7} handed in\\.$`));
    expect(lines.slice(1, 4)).toEqual(['Queued for grading…', 'Grading…', '  [1/2] passed: A short message']);
    const table = formatReport(REPORT).trimEnd().split('\n').map((line) => line.trimEnd());
    const at = lines.indexOf(table[0]!);
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at, at + table.length)).toEqual(table);
    expect(lines.slice(at + table.length).filter((line) => line !== '')).toEqual(['Score: 15/30', `Report: ${h.base}/submissions/${submission!.id}`]);
    expect(push.stderr).toMatch(/\* \[new branch\]\s+main -> main/);
  });

  it('refuses a missing or wrong token with 401 and a Basic challenge; git fails and nothing is stored', async () => {
    const bare = await fetch(`${h.base}/git/echo-tcp-server.git/info/refs?service=git-receive-pack`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Basic realm="sockgrade"/);
    await commitFiles(work, { 'server.py': SERVER });
    const push = await git(work, ['push', remoteUrl(h.base, 'ada', 'sgk_not-a-token', 'echo-tcp-server'), 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/This API token is not valid/);
    expect(push.stderr).toMatch(/Authentication failed/);
    expect(h.store.submissions.count()).toBe(0);
  });

  it('grades again when the files changed, and says "not graded" when they did not', async () => {
    startWorker();
    await commitFiles(work, { 'server.py': SERVER });
    expect((await git(work, ['push', adaUrl(), 'main'])).code).toBe(0);
    await commitFiles(work, { 'server.py': `${SERVER}# better\n` }, 'second');
    const second = await git(work, ['push', adaUrl(), 'main']);
    expect(second.code).toBe(0);
    expect(remoteLines(second.stderr)).toContain('Score: 15/30');
    expect(h.store.submissions.count()).toBe(2);
    const [latest] = h.store.submissions.list({ userId: ada.id, limit: 1 });
    await commitFiles(work, {}, 'nothing new');
    const unchanged = await git(work, ['push', adaUrl(), 'main']);
    expect(unchanged.code).toBe(0);
    expect(remoteLines(unchanged.stderr)).toEqual([`Nothing changed in your files since submission ${latest!.id}: not graded.`]);
    expect(h.store.submissions.count()).toBe(2);
    // The commit itself is taken: the remote has it.
    const head = (await git(work, ['rev-parse', 'HEAD'])).stdout.trim();
    expect((await git(work, ['ls-remote', adaUrl(), 'refs/heads/main'])).stdout).toBe(`${head}\trefs/heads/main\n`);
  });

  it('refuses a push over the rules with the reason, and the branch stays where it was', async () => {
    await commitFiles(work, { 'server.py': SERVER });
    await symlink('/etc/passwd', join(work, 'secrets.txt'));
    await commitFiles(work, {}, 'a link');
    const push = await git(work, ['push', adaUrl(), 'main']);
    expect(push.code).not.toBe(0);
    expect(remoteLines(push.stderr)).toEqual([
      'Push refused: "secrets.txt" in your push is a symbolic link; we accept only files and folders. Put the real file in its place and pack again.',
    ]);
    expect(push.stderr).toMatch(/\[remote rejected\] main -> main \(pre-receive hook declined\)/);
    expect(h.store.submissions.count()).toBe(0);
    expect((await git(work, ['ls-remote', adaUrl()])).stdout).toBe('');
    // Another branch is kept but not graded.
    const side = await git(work, ['push', adaUrl(), 'main:experiment']);
    expect(side.code).toBe(0);
    expect(remoteLines(side.stderr)).toEqual(['sockgrade grades pushes to main (or master); nothing of this push is graded.']);
    expect(h.store.submissions.count()).toBe(0);
  });

  it('gives back what was pushed to its owner, and only to them: each student reaches their own repository', async () => {
    startWorker();
    await commitFiles(work, { 'server.py': SERVER, 'notes/plan.md': '# plan\n' });
    expect((await git(work, ['push', adaUrl(), 'main'])).code).toBe(0);
    const clone = join(tmp, `clone-${ada.id}-${Date.now()}`);
    expect((await git(tmp, ['clone', '--quiet', adaUrl(), clone])).code).toBe(0);
    expect(await readFile(join(clone, 'server.py'), 'utf8')).toBe(SERVER);
    expect(await readFile(join(clone, 'notes/plan.md'), 'utf8')).toBe('# plan\n');

    // Bob's token on the same URL is Bob's repository: there is none yet.
    const bobUrl = remoteUrl(h.base, 'ada', bob.token, 'echo-tcp-server');
    const bobClone = await git(tmp, ['clone', '--quiet', bobUrl, join(tmp, `bob-${Date.now()}`)]);
    expect(bobClone.code).not.toBe(0);
    expect(bobClone.stderr).toMatch(/You have not pushed to `echo-tcp-server` yet/);
    // Bob's push lands in Bob's repository and leaves Ada's alone.
    const bobWork = await mkdtemp(join(tmp, 'bob-work-'));
    await initWorkTree(bobWork);
    await commitFiles(bobWork, { 'server.py': 'print("bob")\n' });
    expect((await git(bobWork, ['push', bobUrl, 'main'])).code).toBe(0);
    const adaHead = (await git(work, ['rev-parse', 'HEAD'])).stdout.trim();
    expect((await git(work, ['ls-remote', adaUrl(), 'refs/heads/main'])).stdout).toBe(`${adaHead}\trefs/heads/main\n`);
    expect(h.store.submissions.list({ userId: bob.id }).map((s) => h.store.submissions.files(s.id))).toEqual([{ 'server.py': Buffer.from('print("bob")\n').toString('base64') }]);

    // On disk: by user id, the owner's alone, our hooks not writable by anyone else.
    expect(await readdir(remote.repositories.root)).toEqual(expect.arrayContaining([`u${ada.id}`, `u${bob.id}`]));
    const gitDir = remote.repositories.gitDir(ada.id, 'echo-tcp-server');
    expect((await stat(gitDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(gitDir, 'hooks/pre-receive'))).mode & 0o777).toBe(0o700);
  });

  it('applies deadlines and closed assignments as the API does, with the same messages', async () => {
    const catalog: AssignmentCatalog = {
      ...builtinAssignments,
      policy: (id) =>
        id === 'echo-tcp-server' ? { ...DEFAULT_POLICY, deadline: Date.parse('2020-01-01T00:00:00Z'), late: { policy: 'reject', penaltyPercentPerDay: 0, maxDaysLate: null } } : DEFAULT_POLICY,
      openToStudents: (id) => id !== 'echo-udp-server',
    };
    await h.close();
    h = await startApiHarness({ git: remote, assignments: catalog });
    ada = h.addUser('ada', 'student');
    await commitFiles(work, { 'server.py': SERVER });
    const late = await git(work, ['push', adaUrl(), 'main']);
    expect(late.code).not.toBe(0);
    const api = await h.api('POST', '/api/submissions', ada.token, { assignment: 'echo-tcp-server', files: { 'server.py': Buffer.from(SERVER).toString('base64') } });
    expect(api.body.error.code).toBe('DEADLINE_PASSED');
    expect(remoteLines(late.stderr)).toEqual([`Push refused: ${api.body.error.message}`]);
    const closed = await git(work, ['push', remoteUrl(h.base, 'ada', ada.token, 'echo-udp-server'), 'main']);
    expect(closed.code).not.toBe(0);
    const closedApi = await h.api('POST', '/api/submissions', ada.token, { assignment: 'echo-udp-server', files: { 'server.py': Buffer.from(SERVER).toString('base64') } });
    expect(closedApi.body.error.code).toBe('ASSIGNMENT_CLOSED');
    expect(remoteLines(closed.stderr)).toEqual([closedApi.body.error.message]);
    expect(h.store.submissions.count()).toBe(0);
  });

  it('holds at most 4 git requests of one user at once: a fifth gets 429 with the reason', async () => {
    await commitFiles(work, { 'server.py': SERVER });
    const assignments = ['echo-tcp-server', 'echo-udp-server', 'daytime-tcp-server', 'digitsum-tcp-server'];
    // No worker yet: each push waits for its grading, holding its request.
    const pushes = assignments.map((assignment) => git(work, ['push', remoteUrl(h.base, 'ada', ada.token, assignment), 'main']));
    await until(() => h.queue.jobs.length === 4 && h.queue.jobs.every((job) => h.events.listeners(job.submissionId) > 0));
    const fifth = await git(work, ['ls-remote', adaUrl()]);
    expect(fifth.code).not.toBe(0);
    expect(fifth.stderr).toMatch(/You have 4 git requests running at once; wait until one ends, then try again\./);
    startWorker();
    for (const push of await Promise.all(pushes)) expect(remoteLines(push.stderr)).toContain('Score: 15/30');
    expect((await git(work, ['ls-remote', adaUrl()])).code).toBe(0);
  });

  it("shows a student no hidden test's name, id or feedback in the push output, only that it exists", async () => {
    const catalog: AssignmentCatalog = {
      ...builtinAssignments,
      policy: (id) => (id === 'echo-tcp-server' ? { ...DEFAULT_POLICY, visibility: { 'utf8-text': 'hidden' } } : DEFAULT_POLICY),
    };
    await h.close();
    h = await startApiHarness({ git: remote, assignments: catalog });
    ada = h.addUser('ada', 'student');
    startWorker();
    await commitFiles(work, { 'server.py': SERVER });
    const push = await git(work, ['push', adaUrl(), 'main']);
    expect(push.code).toBe(0);
    const lines = remoteLines(push.stderr);
    expect(lines).toContain('echo-tcp-server: 15/15 points (1.2 s)');
    // The table `sockgrade submit` shows a student: the hidden test as its points, nothing else.
    expect(lines).toContain('(1 hidden test worth 15 points not counted)');
    expect(lines.filter((line) => /· hidden +\?\/15 +Hidden test \(not shown\)$/.test(line))).toHaveLength(1);
    expect(lines).toContain('Score: 15/15');
    expect(push.stderr).not.toMatch(/utf8-text|Umlauts|Grüße|Gr\?\?e/);
  });

  it('answers 404 for an unknown assignment and serves no dumb-HTTP files', async () => {
    const unknown = await git(work, ['ls-remote', remoteUrl(h.base, 'ada', ada.token, 'no-such-thing')]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/There is no assignment `no-such-thing`/);
    const auth = `Basic ${Buffer.from(`ada:${ada.token}`).toString('base64')}`;
    const config = await fetch(`${h.base}/git/echo-tcp-server.git/config`, { headers: { authorization: auth } });
    expect(config.status).toBe(404);
    const hook = await fetch(`${h.base}/git/echo-tcp-server.git/hooks/pre-receive`, { headers: { authorization: auth } });
    expect(hook.status).toBe(404);
  });

  it('supersedes the first of two quick pushes, whose output says so; the second is graded', async () => {
    await commitFiles(work, { 'server.py': SERVER });
    const first = git(work, ['push', adaUrl(), 'main']);
    await until(() => h.queue.jobs.length === 1);
    const [older] = h.store.submissions.list({ userId: ada.id });
    await commitFiles(work, { 'server.py': `${SERVER}# second\n` }, 'second');
    const second = git(work, ['push', adaUrl(), 'main']);
    const firstDone = await first;
    expect(firstDone.code).toBe(0);
    const [newer] = h.store.submissions.list({ userId: ada.id, limit: 1 });
    expect(newer!.id).not.toBe(older!.id);
    expect(h.store.submissions.get(older!.id)).toMatchObject({ status: 'superseded', supersededBy: newer!.id });
    expect(remoteLines(firstDone.stderr).at(-1)).toBe(`Superseded by your newer submission ${newer!.id} before it was graded: that push shows its grading.`);
    startWorker();
    const secondDone = await second;
    expect(secondDone.code).toBe(0);
    expect(remoteLines(secondDone.stderr)).toContain('Score: 15/30');
    expect(h.store.submissions.get(newer!.id)?.status).toBe('done');
  });
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

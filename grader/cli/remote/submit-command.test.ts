import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkJunit10, parseXml } from '../../../test/strict-xml.js';
import { startApiHarness, type ApiHarness } from '../../../web/testing/api-harness.js';
import type { GradingReport } from '../../report.js';
import { saveLogin } from './credentials-file.js';
import { submitCommand } from './submit-command.js';

// `sockgrade submit` against the real API on 127.0.0.1:0 (SQLite, HTTP, SSE); the queue
// is the harness's fake, and a stand-in worker below records results as the real one does.
let h: ApiHarness;
let dir: string;
let ada: { id: number; token: string };
let stopWorker: () => void;

function report(score: number): GradingReport {
  return {
    assignment: 'echo-tcp-server',
    score,
    maxScore: 100,
    durationMs: 1200,
    tests: [
      { id: 'a', name: 'First half', score: Math.min(50, score), maxScore: 50, status: score >= 50 ? 'passed' : 'failed', feedback: 'first', transcript: [] },
      { id: 'b', name: 'Second half', score: Math.max(0, score - 50), maxScore: 50, status: score >= 100 ? 'passed' : 'failed', feedback: 'the echo was lowercase', transcript: [] },
    ],
    logs: { stdout: '', stderr: '' },
  };
}

/** Grades each new job: running, one progress step, done with the score its server.py names. */
function startWorker(): () => void {
  let seen = 0;
  const timer = setInterval(() => {
    for (const job of h.queue.jobs.slice(seen)) {
      seen += 1;
      const source = Buffer.from(job.files['server.py'] ?? '', 'base64').toString();
      const score = Number(/score=(\d+)/.exec(source)?.[1] ?? 0);
      h.store.submissions.markRunning(job.submissionId);
      h.events.publish(job.submissionId, 'active');
      setTimeout(() => {
        h.store.submissions.markProgress(job.submissionId, { testsDone: 1, testsTotal: 2, test: { id: 'a', status: 'passed' } });
        h.events.publish(job.submissionId, 'progress');
        setTimeout(() => {
          h.store.submissions.markDone(job.submissionId, report(score));
          h.events.publish(job.submissionId, 'completed');
        }, 30);
      }, 30);
    }
  }, 20);
  return () => clearInterval(timer);
}

beforeEach(async () => {
  h = await startApiHarness();
  ada = h.addUser('ada', 'student');
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-submit-'));
  stopWorker = startWorker();
});

afterEach(async () => {
  stopWorker();
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

async function submit(args: string[], env: Record<string, string> = {}, tty = false) {
  let stdout = '';
  let stderr = '';
  const code = await submitCommand(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, { env: { HOME: dir, ...env }, cwd: dir, stderrIsTty: tty });
  return { code, stdout, stderr };
}

/** A loopback port nothing listens on (any longer). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function work(score: number) {
  await writeFile(join(dir, 'server.py'), `# score=${score}\n`);
}

describe('sockgrade submit', () => {
  it('uploads the folder, follows the grading, prints the table and exits 0 on a full score', async () => {
    await work(100);
    const result = await submit(['echo-tcp-server', '--url', h.base, '--token', ada.token]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('echo-tcp-server: 100/100 points (1.2 s)');
    const submission = h.store.submissions.list({ userId: ada.id })[0]!;
    expect(h.store.submissions.files(submission.id)).toEqual({ 'server.py': Buffer.from('# score=100\n').toString('base64') });
    // Plain lines on a non-terminal: no carriage returns or escapes in a CI log.
    expect(result.stderr).not.toMatch(/[\r\u001b]/);
    expect(result.stderr).toContain(`${submission.id}: grading: 1/2 tests done (a: passed)\n`);
    expect(result.stderr).toContain(`Score 100/100 passes the bar of 100. Report: ${h.base}/submissions/${submission.id}\n`);
  });

  it('exits 1 below full points, 0 when --min-score is reached; a terminal gets one line rewritten in place', async () => {
    await work(60);
    const below = await submit(['echo-tcp-server', dir, '--url', h.base, '--token', ada.token], {}, true);
    expect(below.code).toBe(1);
    expect(below.stdout).toContain('  ✘ failed   10/50  Second half\n        the echo was lowercase\n');
    expect(below.stderr).toContain('\r\u001b[2K');
    expect(below.stderr).toContain('Score 60/100 is below the bar of 100.');
    const enough = await submit(['echo-tcp-server', '--min-score', '60'], { SOCKGRADE_URL: h.base, SOCKGRADE_TOKEN: ada.token });
    expect(enough.code).toBe(0);
    expect((await submit(['echo-tcp-server', '--min-score', '60.5'], { SOCKGRADE_URL: h.base, SOCKGRADE_TOKEN: ada.token })).code).toBe(1);
  });

  it('prints JUnit XML, Gradescope JSON or the JSON report with --format', async () => {
    await work(60);
    const env = { SOCKGRADE_URL: h.base, SOCKGRADE_TOKEN: ada.token };
    const junit = await submit(['echo-tcp-server', '--format', 'junit'], env);
    expect(junit.code).toBe(1);
    const root = parseXml(junit.stdout);
    checkJunit10(root);
    expect(root.attrs).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    const gradescope = await submit(['echo-tcp-server', '--format', 'gradescope'], env);
    expect(JSON.parse(gradescope.stdout)).toMatchObject({ score: 60, tests: [{ name: 'First half', score: 50, status: 'passed' }, { name: 'Second half', score: 10, status: 'failed' }] });
    const json = await submit(['echo-tcp-server', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual(report(60));
  });

  it('uses the token `sockgrade login` kept, for its service or the current one', async () => {
    await work(100);
    await saveLogin(join(dir, 'config/sockgrade/credentials.json'), { url: h.base, token: ada.token, name: 'ada', expiresAt: null });
    const env = { XDG_CONFIG_HOME: join(dir, 'config') };
    expect((await submit(['echo-tcp-server'], env)).code).toBe(0);
    expect((await submit(['echo-tcp-server', '--url', `${h.base}/`], env)).code).toBe(0);
    const elsewhere = await submit(['echo-tcp-server', '--url', 'http://127.0.0.1:9'], env);
    expect(elsewhere).toMatchObject({ code: 2, stderr: 'No token for http://127.0.0.1:9: run `sockgrade login http://127.0.0.1:9`, or pass --token (or SOCKGRADE_TOKEN).\n' });
  });

  it('exits 2 with the reason when it cannot submit: no login, a bad token, an unknown assignment, nothing reachable, a bad folder', async () => {
    await work(100);
    expect(await submit(['echo-tcp-server'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Which service\? Run `sockgrade login <url>` first/) });
    const badToken = await submit(['echo-tcp-server', '--url', h.base, '--token', 'sgk_nope']);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toMatch(new RegExp(`Sign in again: \`sockgrade login ${h.base}\`\\.\\n$`));
    const unknown = await submit(['echo-sctp-server', '--url', h.base, '--token', ada.token]);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('There is no assignment `echo-sctp-server`.') });
    const closed = await closedPort();
    const down = await submit(['echo-tcp-server', '--url', `http://127.0.0.1:${closed}`, '--token', ada.token]);
    expect(down).toMatchObject({ code: 2, stderr: expect.stringContaining(`Cannot reach the sockgrade service at http://127.0.0.1:${closed} (ECONNREFUSED).`) });
    expect(await submit(['echo-tcp-server', join(dir, 'missing'), '--url', h.base, '--token', ada.token])).toMatchObject({ code: 2, stderr: `The folder ${join(dir, 'missing')} does not exist or is not a folder.\n` });
    expect((await submit(['echo-tcp-server', '--format', 'xml'])).stderr).toMatch(/^unknown format `xml`/);
    expect(h.store.submissions.count()).toBe(0);
  });
});

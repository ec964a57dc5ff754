import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningService } from '../../web/service.js';
import { checkJunit10, childrenNamed, parseXml } from '../strict-xml.js';
import { fixturesDir, repoDir } from './harness.js';
import { expectedFixture, serviceApi } from './service-api.js';
import { useTestServices } from './service-under-test.js';

// Issue #10: the real `sockgrade login` and `sockgrade submit` binaries against the real
// service (Redis, Docker, SQLite, HTTP, SSE), exit codes and exact fixture scores; and
// `GET /api/submissions/:id?format=` over HTTP with a hidden test.
const bin = resolve(repoDir, 'bin/sockgrade.js');
const PASSWORD = 'a long enough password';
const ASSIGNMENTS = {
  'echo-hidden.yaml': `
id: echo-hidden
title: Echo with a hidden test
basedOn: echo-tcp-server
openBase: true
tests:
  - id: short-ascii
    points: 50
  - id: non-utf8
    points: 50
    visibility: hidden
`,
  'echo-closed.yaml': `
id: echo-closed
title: Echo (closed)
basedOn: echo-tcp-server
openBase: true
deadline: 2020-01-01T00:00:00+01:00
late:
  policy: reject
`,
};

const services = useTestServices('submit-cli');
const ADMIN = services.adminToken;

/** A service with the teacher files above and the student ada, who has a password; `home` is her HOME. */
async function start(): Promise<{ service: RunningService; home: string; config: string }> {
  const service = await services.start({}, ASSIGNMENTS);
  expect((await serviceApi(service.url)('POST', '/api/users', ADMIN, { name: 'ada', password: PASSWORD })).status).toBe(201);
  const home = join(services.tmp, `home-${services.queueName}`);
  return { service, home, config: join(home, '.config') };
}

/** `sockgrade login` as ada, as the first test shows it; returns the token it kept. */
async function loggedIn(service: RunningService, home: string): Promise<string> {
  expect((await sockgrade(['login', service.url, '--name', 'ada'], { stdin: `${PASSWORD}\n`, home })).code).toBe(0);
  return JSON.parse(await readFile(join(home, '.config/sockgrade/credentials.json'), 'utf8')).logins[service.url].token as string;
}

/** The binary as a student's shell or CI job runs it: its own HOME, no SOCKGRADE_ variables unless given. */
function sockgrade(args: string[], opts: { stdin?: string; env?: Record<string, string>; home: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: opts.home, ...opts.env };
  return new Promise((done) => {
    const child = execFile('node', [bin, ...args], { env, timeout: 180_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
    child.stdin!.end(opts.stdin ?? '');
  });
}

const fixture = (name: string) => resolve(fixturesDir, 'echo-tcp-server', name);

describe('sockgrade login and submit against a running service', () => {
  it('login reads the password from stdin and keeps the token in ~/.config/sockgrade, 0600', async () => {
    const { service, home, config } = await start();
    const wrong = await sockgrade(['login', service.url, '--name', 'ada'], { stdin: 'not the password\n', home });
    expect(wrong.code).toBe(1);
    const result = await sockgrade(['login', service.url], { stdin: `ada\n${PASSWORD}\n`, home });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const path = join(config, 'sockgrade/credentials.json');
    expect(result.stdout).toContain(`Signed in to ${service.url} as ada (student).`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(config, 'sockgrade'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8')).current).toBe(service.url);
  });

  it('submit exits 0 with the table for a full score, 1 below it, 0 again with --min-score; scores exact', async () => {
    const { service, home } = await start();
    const token = await loggedIn(service, home);
    const correct = await sockgrade(['submit', 'echo-tcp-server', fixture('correct')], { home });
    expect(correct.code).toBe(0);
    expect(correct.stdout).toMatch(/^echo-tcp-server: 100\/100 points \(\d+\.\d s\)\n/);
    expect(correct.stderr).toMatch(/Score 100\/100 passes the bar of 100\. Report: http:\/\/127\.0\.0\.1:\d+\/submissions\/\S+\n$/);

    const expected = await expectedFixture('echo-tcp-server/course');
    const course = await sockgrade(['submit', 'echo-tcp-server', fixture('course')], { home });
    expect(course.code).toBe(1);
    expect(course.stdout.split('\n')[0]).toMatch(new RegExp(`^echo-tcp-server: ${expected.score}/${expected.maxScore} points`));
    expect(course.stdout).toContain('  ✘ failed    0/10  Bytes that are not UTF-8\n');
    expect(course.stderr).toContain(`Score ${expected.score}/${expected.maxScore} is below the bar of ${expected.maxScore}.`);

    // In CI: URL and token from the environment (a HOME without credentials), JUnit XML on stdout, the bar at 90.
    const junit = await sockgrade(['submit', 'echo-tcp-server', fixture('course'), '--format', 'junit', '--min-score', '90'], {
      env: { SOCKGRADE_URL: service.url, SOCKGRADE_TOKEN: token },
      home: join(home, 'ci'),
    });
    expect(junit.code).toBe(0);
    const root = parseXml(junit.stdout);
    checkJunit10(root);
    const failed = Object.values(expected.statuses).filter((status) => status !== 'passed').length;
    expect(root.attrs).toMatchObject({ tests: String(Object.keys(expected.statuses).length), failures: String(failed), errors: '0' });
    const suite = childrenNamed(root, 'testsuite')[0]!;
    const property = (name: string) => childrenNamed(childrenNamed(suite, 'properties')[0]!, 'property').find((p) => p.attrs.name === name)?.attrs.value;
    expect([property('score'), property('maxScore')]).toEqual([String(expected.score), String(expected.maxScore)]);
  });

  it('submit exits 2 with the service’s reason when it cannot hand in: deadline passed, unknown assignment, wrong token', async () => {
    const { service, home } = await start();
    await loggedIn(service, home);
    const closed = await sockgrade(['submit', 'echo-closed', fixture('correct')], { home });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/deadline/i);
    const unknown = await sockgrade(['submit', 'echo-sctp-server', fixture('correct')], { home });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('There is no assignment `echo-sctp-server`.') });
    const wrongToken = await sockgrade(['submit', 'echo-tcp-server', fixture('correct'), '--token', 'sgk_wrong_wrong_wrong'], { home });
    expect(wrongToken.code).toBe(2);
    expect(wrongToken.stderr).toContain(`Sign in again: \`sockgrade login ${service.url}\`.`);
    expect(service.store.submissions.count()).toBe(0);
  });

  it('a hidden test: the student’s table, JUnit and Gradescope show its points only; the teacher’s show all, marked hidden', async () => {
    const { service, home } = await start();
    const token = await loggedIn(service, home);
    // The course server passes the short message and fails the non-UTF-8 bytes, which are hidden.
    const result = await sockgrade(['submit', 'echo-hidden', fixture('course')], { home });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^echo-hidden: 50\/50 points/), '(1 hidden test worth 50 points not counted)']);
    expect(result.stdout).toContain('  · hidden    ?/50  Hidden test (not shown)');
    expect(result.stdout).not.toContain('UTF-8');
    const id = /\/submissions\/(\S+)\n$/.exec(result.stderr)![1]!;

    const get = (path: string, who: string) => fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${who}` } });
    const studentJunit = await get(`/api/submissions/${id}?format=junit`, token);
    expect(studentJunit.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await studentJunit.text();
    const root = parseXml(xml);
    checkJunit10(root);
    expect(root.attrs).toMatchObject({ tests: '2', failures: '0', errors: '0' });
    expect(childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase').map((c) => [c.attrs.name, c.children.map((child) => child.name)])).toEqual([
      ['A short message', []],
      ['Hidden test (hidden-1)', ['skipped']],
    ]);
    expect(xml).not.toMatch(/non-utf8|not UTF-8/);

    const student = await (await get(`/api/submissions/${id}?format=gradescope`, token)).json();
    expect(student).toMatchObject({ score: 50, tests: [{ name: 'A short message', score: 50, max_score: 50, status: 'passed', visibility: 'visible' }, { name: 'Hidden test', max_score: 50, visibility: 'hidden' }] });
    expect(student.tests[1]).not.toHaveProperty('score');
    const teacherResponse = await get(`/api/submissions/${id}?format=gradescope`, ADMIN);
    expect(teacherResponse.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const teacher = await teacherResponse.json();
    expect(teacher.score).toBe(50);
    expect(teacher.tests.map((t: any) => [t.name, t.score, t.max_score, t.status, t.visibility])).toEqual([
      ['A short message', 50, 50, 'passed', 'visible'],
      ['Bytes that are not UTF-8', 0, 50, 'failed', 'hidden'],
    ]);
  });
});

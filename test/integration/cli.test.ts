import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkJunit10, childrenNamed, parseXml } from '../strict-xml.js';
import { fixturesDir, repoDir } from './harness.js';
import { expectedFixture } from './service-api.js';

const run = promisify(execFile);
const bin = resolve(repoDir, 'bin/sockgrade.js');

async function sockgrade(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the sockgrade command', () => {
  it('grade --json prints exactly one JSON object with the report', async () => {
    const result = await sockgrade(['grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/correct'), '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(Object.keys(report).sort()).toEqual(['assignment', 'durationMs', 'logs', 'maxScore', 'score', 'tests', 'timings']);
    expect(report.assignment).toBe('echo-tcp-server');
    expect(report.score).toBe(report.maxScore);
    expect(report.tests[0].transcript.some((entry: { dir: string }) => entry.dir === 'send')).toBe(true);
    // Where the time went (issue #11): every mark of a server run, in order, and each test once.
    const marks = report.timings.marks as Record<string, number>;
    expect(Object.keys(marks)).toEqual(['started', 'podReady', 'studentStarted', 'portFound', 'testsDone', 'teardownDone']);
    const times = Object.values(marks);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(report.timings.phases.map((phase: { phase: string }) => phase.phase)).toEqual(['podReady', 'studentStarted', 'portFound', 'testsDone', 'teardownDone']);
    expect(report.timings.tests.map((test: { id: string }) => test.id)).toEqual(report.tests.map((test: { id: string }) => test.id));
    expect(marks.teardownDone).toBeLessThanOrEqual(report.durationMs);
  });

  it('grade --format junit prints JUnit XML valid against junit-10.xsd with the fixture\'s exact counts; gradescope its results.json', async () => {
    const expected = await expectedFixture('echo-tcp-server/course');
    const junit = await sockgrade(['grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/course'), '--format', 'junit']);
    expect(junit.code).toBe(0);
    const root = parseXml(junit.stdout);
    checkJunit10(root);
    const failed = Object.entries(expected.statuses).filter(([, status]) => status === 'failed').map(([id]) => id);
    expect(root.attrs).toMatchObject({ tests: String(Object.keys(expected.statuses).length), failures: String(failed.length), errors: '0' });
    const cases = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase');
    expect(cases.filter((c) => c.children.some((child) => child.name === 'failure'))).toHaveLength(failed.length);
    const gradescope = await sockgrade(['grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/course'), '--format=gradescope']);
    const results = JSON.parse(gradescope.stdout);
    expect(results.score).toBe(expected.score);
    expect(results.tests.map((t: { status: string }) => t.status)).toEqual(Object.values(expected.statuses));
    expect(results.tests.every((t: { visibility: string }) => t.visibility === 'visible')).toBe(true);
  });

  it('grade prints a table with the score and exits 0 even when tests fail', async () => {
    const result = await sockgrade(['grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/lowercase')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^echo-tcp-server: \d+(\.\d+)?\/100 points/);
    expect(result.stdout).toContain('✘ failed');
    expect(result.stdout).toContain('transcript:');
  });

  it('shows a hostile program\'s escape sequences as text in the table, never acts on them (issue #13)', async () => {
    const result = await sockgrade(['grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/terminal-escapes')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^echo-tcp-server: 0\/100 points/);
    // Nothing a terminal acts on: no ESC, BEL, carriage return, 8-bit CSI, other C0/C1 controls.
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // What the program wrote is still there for the student to read, escaped.
    expect(result.stdout).toContain('\\x1b]0;pwned\\x07');
    expect(result.stdout).toContain('\\rall tests passed\\x1b[K');
    expect(result.stdout.split('\n').filter((line) => /^\s*✔ passed/.test(line))).toEqual([]);
  });

  it('says in one sentence that Docker is unreachable, exit 1', async () => {
    const result = await sockgrade(['grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/correct')], {
      DOCKER_HOST: 'unix:///run/sockgrade-no-such-docker.sock',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Cannot reach the Docker engine at unix:\/\/\/run\/sockgrade-no-such-docker\.sock: is dockerd running\?/);
  });

  it('names the known assignments for an unknown id, exit 1', async () => {
    const result = await sockgrade(['grade', 'echo-sctp-server', fixturesDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no assignment `echo-sctp-server`. Known: ');
    expect(result.stderr).toContain('echo-tcp-server');
  });

  it('lists the assignment ids', async () => {
    const result = await sockgrade(['assignments']);
    expect(result.code).toBe(0);
    const ids = result.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual(expect.arrayContaining(['echo-tcp-server', 'echo-udp-server', 'echo-tcp-client', 'echo-udp-client']));
  });

  it('prints usage for a malformed call, exit 2', async () => {
    const result = await sockgrade(['grade', 'echo-tcp-server']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: sockgrade grade');
  });
});

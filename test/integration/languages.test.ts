/**
 * Issue #14: the echo fixtures in C and Java, graded in real Docker by the built-in echo
 * assignments (the language chosen by the entry file), with exact scores. The C and Java
 * student images are built here when missing: only this file needs them, so a run of the
 * other integration tests never waits for their debootstrap.
 */
import type Dockerode from 'dockerode';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { runtimeForFiles } from '../../checks/runtimes.js';
import { gradeSubmission } from '../../grader/run-submission.js';
import { ensureImages } from '../../grader/sandbox/images/index.js';
import { requireRunImages } from '../../grader/sandbox/run-images.js';
import { WarmPodPool } from '../../grader/sandbox/warm-pod-pool.js';
import { readSubmissionDir, type SubmissionFiles } from '../../grader/submission-files.js';
import { distDir, dockerForTests, gradeDir, repoDir, sockgradeLeftovers } from './harness.js';

const languagesDir = resolve(repoDir, 'test/fixtures/languages');

interface Expected {
  runtime: 'c' | 'java';
  score: number;
  maxScore: number;
  statuses: Record<string, string>;
  /** The compile step's status, and substrings its output must contain. */
  build: { status: 'ok' | 'failed' | 'timeout'; output?: string[] };
  /** Substrings the feedback of the named test must contain. */
  feedback?: Record<string, string[]>;
}

const expected = JSON.parse(readFileSync(resolve(languagesDir, 'expected.json'), 'utf8')) as Record<string, Expected>;
const compilers = { c: 'gcc ', java: 'javac ' } as const;

let docker: Dockerode;
beforeAll(async () => {
  docker = await dockerForTests();
  const started = Date.now();
  const built = await ensureImages({ docker, distDir, runtimes: ['c', 'java'], log: (line) => console.log(`[images] ${line}`) });
  if (built.built.length > 0) console.log(`[images] built ${built.built.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
afterAll(async () => {
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

describe('C and Java submissions graded in real Docker (issue #14)', () => {
  for (const [key, want] of Object.entries(expected)) {
    const [assignmentId, caseName] = key.split('/') as [string, string];
    it(`${key} (${want.runtime}) scores ${want.score}/${want.maxScore}`, async () => {
      const assignment = getAssignment(assignmentId);
      if (!assignment) throw new Error(`unknown assignment ${assignmentId}`);
      const report = await gradeDir(docker, assignment, resolve(languagesDir, assignmentId, caseName));
      const statuses = Object.fromEntries(report.tests.map((test) => [test.id, test.status]));
      expect({ score: report.score, maxScore: report.maxScore, statuses }).toEqual({
        score: want.score,
        maxScore: want.maxScore,
        statuses: want.statuses,
      });
      // The language really was the one handed in: its compiler ran.
      expect(report.build?.command.startsWith(compilers[want.runtime]), report.build?.command).toBe(true);
      expect(report.build?.status).toBe(want.build.status);
      for (const needle of want.build.output ?? []) expect(report.build?.output).toContain(needle);
      for (const [testId, needles] of Object.entries(want.feedback ?? {})) {
        const feedback = report.tests.find((test) => test.id === testId)?.feedback ?? '';
        for (const needle of needles) expect(feedback).toContain(needle);
      }
      expect(await sockgradeLeftovers(docker)).toEqual([]);
    });
  }

  it('a Python submission to the same assignment is graded as Python, with no compile step', async () => {
    const assignment = getAssignment('echo-tcp-server')!;
    const report = await gradeDir(docker, assignment, resolve(repoDir, 'test/fixtures/submissions/echo-tcp-server/correct'));
    expect(report.score).toBe(100);
    expect(report.build).toBeUndefined();
  });

  it('names every accepted file when none was handed in', async () => {
    const assignment = getAssignment('echo-tcp-server')!;
    const report = await gradeDir(docker, assignment, resolve(repoDir, 'test/fixtures/submissions/echo-tcp-server/missing-server'));
    expect(report.score).toBe(0);
    expect(report.tests[0]?.feedback).toContain('Your submission has no `server.py`, `server.c` or `Server.java`');
  });
});

describe('compiled languages in pods booted ahead of time (what a worker does)', () => {
  it('compiles in a warm pod, a compile error there ends cleanly, and the next pod grades Python as before', async () => {
    const python = await requireRunImages(docker, distDir, 'python');
    const pool = new WarmPodPool({ docker, peerImage: python.peer, size: 1 });
    pool.start();
    try {
      const grade = async (assignmentId: string, dir: string) => {
        const files = (await readSubmissionDir(dir)) as SubmissionFiles;
        const assignment = runtimeForFiles(getAssignment(assignmentId)!, files.keys());
        const images = await requireRunImages(docker, distDir, assignment.runtime.image);
        const deadline = Date.now() + 20_000;
        while (pool.readyCount === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(pool.readyCount).toBe(1);
        return gradeSubmission({ docker, assignment, files, images, pool });
      };
      expect((await grade('echo-tcp-server', resolve(languagesDir, 'echo-tcp-server/c-correct'))).score).toBe(100);
      const broken = await grade('echo-tcp-server', resolve(languagesDir, 'echo-tcp-server/java-compile-error'));
      expect({ score: broken.score, build: broken.build?.status }).toEqual({ score: 0, build: 'failed' });
      expect((await grade('echo-tcp-client', resolve(languagesDir, 'echo-tcp-client/java-correct'))).score).toBe(100);
      expect((await grade('echo-tcp-server', resolve(repoDir, 'test/fixtures/submissions/echo-tcp-server/correct'))).score).toBe(100);
    } finally {
      await pool.close();
    }
    expect(await sockgradeLeftovers(docker)).toEqual([]);
  });
});

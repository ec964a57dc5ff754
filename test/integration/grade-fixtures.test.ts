import type Dockerode from 'dockerode';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerForTests, fixturesDir, gradeFixture, sockgradeLeftovers } from './harness.js';

/** `"<assignment>/<case>"` → the exact score the fixture must get and each test's status. */
interface Expected {
  score: number;
  maxScore: number;
  statuses: Record<string, string>;
  /** Substrings the feedback of the named test must contain (student-facing explanations). */
  feedback?: Record<string, string[]>;
  /**
   * Substrings the feedback of the named test must contain in the report (issue #13): what
   * the grader adds to the peer's feedback, so the peer-only fixture tests on the host skip it.
   */
  gradedFeedback?: Record<string, string[]>;
  /** Substrings of what the program printed during the named test (its `output`, stdout and stderr). */
  output?: Record<string, string[]>;
  /** Substrings, in this order, of what the program printed during all tests together (each test's `output`, in test order). */
  testsOutput?: string[];
  /** Substrings of the run's whole `logs`. */
  logs?: { stdout?: string[]; stderr?: string[] };
}
/** `expected.json` (echo) and one `expected-<family>.json` per assignment family. */
const expected: Record<string, Expected> = Object.assign(
  {},
  ...readdirSync(fixturesDir)
    .filter((name) => /^expected(-[a-z0-9-]+)?\.json$/.test(name))
    .sort()
    .map((name) => JSON.parse(readFileSync(resolve(fixturesDir, name), 'utf8')) as Record<string, Expected>),
);

let docker: Dockerode;
beforeAll(async () => {
  docker = await dockerForTests();
});
afterAll(async () => {
  // Nothing a grading run created may outlive it: not on success, not on a hostile submission.
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

describe('grading fixture submissions in real Docker', () => {
  for (const [key, want] of Object.entries(expected)) {
    const [assignmentId, caseName] = key.split('/') as [string, string];
    it(`${key} scores ${want.score}/${want.maxScore}`, async () => {
      const report = await gradeFixture(docker, assignmentId, caseName);
      const statuses = Object.fromEntries(report.tests.map((test) => [test.id, test.status]));
      expect({ score: report.score, maxScore: report.maxScore, statuses }).toEqual({
        score: want.score,
        maxScore: want.maxScore,
        statuses: want.statuses,
      });
      for (const [testId, needles] of Object.entries({ ...want.feedback }).concat(Object.entries({ ...want.gradedFeedback }))) {
        const feedback = report.tests.find((test) => test.id === testId)?.feedback ?? '';
        for (const needle of needles) expect(feedback).toContain(needle);
      }
      for (const [testId, needles] of Object.entries(want.output ?? {})) {
        const output = report.tests.find((test) => test.id === testId)?.output;
        for (const needle of needles) expect(`${output?.stdout ?? ''}${output?.stderr ?? ''}`).toContain(needle);
      }
      if (want.testsOutput) {
        const printed = report.tests.map((test) => test.output?.stdout ?? '').join('');
        let from = 0;
        for (const needle of want.testsOutput) {
          const at = printed.indexOf(needle, from);
          expect(at, `${JSON.stringify(needle)} in the tests' output after position ${from}: ${JSON.stringify(printed)}`).toBeGreaterThanOrEqual(0);
          from = at + needle.length;
        }
      }
      for (const needle of want.logs?.stdout ?? []) expect(report.logs.stdout).toContain(needle);
      for (const needle of want.logs?.stderr ?? []) expect(report.logs.stderr).toContain(needle);
      expect(await sockgradeLeftovers(docker)).toEqual([]);
    });
  }
});

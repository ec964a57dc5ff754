/**
 * Scripted assignments in real Docker (issue #14): the example files' model solutions and
 * wrong fixtures with their exact scores; three built-ins written as scripts giving
 * exactly the built-ins' results on every fixture of theirs (the sandbox-only and slow
 * ones included); and `sockgrade check-assignment`, which accepts a model solution with
 * full marks and reports a wrong one.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDefinition } from '../../checks/types.js';
import { gradeSubmission } from '../../grader/run-submission.js';
import { requireRunImages } from '../../grader/sandbox/run-images.js';
import { readSubmissionDir } from '../../grader/submission-files.js';
import { loadAssignmentFiles } from '../../web/assignments/index.js';
import { distDir, dockerForTests, fixturesDir, repoDir, sockgradeLeftovers } from './harness.js';

interface Expected {
  score: number;
  maxScore: number;
  statuses: Record<string, string>;
}

const examplesDir = resolve(repoDir, 'web/assignments/examples');
const asScriptsDir = resolve(examplesDir, 'as-scripts');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Expected>;

let docker: Dockerode;
let definitions: Map<string, AssignmentDefinition>;

beforeAll(async () => {
  docker = await dockerForTests();
  const files = [...(await loadAssignmentFiles(examplesDir)), ...(await loadAssignmentFiles(asScriptsDir))];
  definitions = new Map(files.map((file) => [file.definition.id, file.definition]));
});
afterAll(async () => {
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

async function grade(assignment: AssignmentDefinition, dir: string): Promise<{ score: number; maxScore: number; statuses: Record<string, string> }> {
  const images = await requireRunImages(docker, distDir, assignment.runtime.image);
  const report = await gradeSubmission({ docker, assignment, files: await readSubmissionDir(dir), images });
  return { score: report.score, maxScore: report.maxScore, statuses: Object.fromEntries(report.tests.map((test) => [test.id, test.status])) };
}

describe('example scripted assignments graded in Docker', () => {
  for (const id of ['kv-store', 'udp-heartbeat', 'kv-client', 'udp-lookup-client']) {
    for (const [key, want] of Object.entries(read(resolve(examplesDir, id, 'expected.json')))) {
      const caseName = key.split('/')[1]!;
      it(`${key} scores ${want.score}/${want.maxScore}`, async () => {
        const dir = caseName === 'solution' ? resolve(examplesDir, id, 'solution') : resolve(examplesDir, id, 'fixtures', caseName);
        expect(await grade(definitions.get(id)!, dir)).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
      });
    }
  }
});

describe('built-ins written as scripts give the built-ins\' results on all their fixtures, in Docker', () => {
  const tables = { ...read(resolve(fixturesDir, 'expected.json')), ...read(resolve(fixturesDir, 'expected-counting.json')) };
  for (const [key, want] of Object.entries(tables)) {
    const [assignmentId, caseName] = key.split('/') as [string, string];
    if (!['echo-tcp-server', 'echo-udp-server', 'digitsum-tcp-server'].includes(assignmentId)) continue;
    it(`scripted ${key} scores ${want.score}/${want.maxScore} like the built-in`, async () => {
      const scripted = definitions.get(`scripted-${assignmentId}`)!;
      expect(await grade(scripted, resolve(fixturesDir, assignmentId, caseName))).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
    });
  }
});

describe('sockgrade check-assignment', () => {
  const run = promisify(execFile);
  async function sockgrade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('node', [resolve(repoDir, 'bin/sockgrade.js'), 'check-assignment', ...args], { timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('accepts a model solution with full marks', async () => {
    const result = await sockgrade([resolve(examplesDir, 'kv-store.yaml'), resolve(examplesDir, 'kv-store/solution')]);
    expect(result.stdout).toContain('examples/kv-store.yaml: `kv-store` is valid: 6 tests, 100 points (server, TCP).');
    expect(result.stdout).toContain('The model solution gets full marks (100/100)');
    expect(result.code).toBe(0);
  });

  it('reports a wrong model solution with the tests it failed, exit 1', async () => {
    const result = await sockgrade([resolve(examplesDir, 'udp-heartbeat.yaml'), resolve(examplesDir, 'udp-heartbeat/fixtures/status-as-text')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The model solution gets 60/100, not full marks.');
    expect(result.stderr).toMatch(/^ {2}status \(failed, 0\/40\): Step 6 of 6/m);
  });

  it('refuses an invalid file with file:line before grading anything, exit 1', async () => {
    const result = await sockgrade([resolve(repoDir, 'test/integration/scripted-invalid.yaml'), resolve(examplesDir, 'kv-store/solution')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('integration/scripted-invalid.yaml:14: tests[0].script[2].expect.regex: uses the unknown variable `${tokn}`; did you mean `${token}`?');
    expect(result.stdout).toBe('');
  });
});

/**
 * The fixture submissions of one family (`test/fixtures/submissions/<assignment>/<case>/`),
 * graded on this machine: real `python3` child processes behind the fake grader, the peer's
 * whole path minus Docker. Checks that an `expected*.json` says what our suites really give:
 * score, max score, every test's status, and the feedback substrings it lists.
 *
 * `SOCKGRADE_SLOW_FIXTURES=1` also runs the slow cases; `SOCKGRADE_SHOW_FEEDBACK=1` prints
 * every test's status and feedback (to stderr), for writing an expected file.
 *
 * vitest comes in as a parameter: everything under checks/, test helpers included, imports
 * only `node:` built-ins (`checks/node18-compat.test.ts`).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAssignment } from '../index.js';
import type { AssignmentDefinition } from '../types.js';
import { hasPython } from './has-python.js';
import { LocalStudentHost } from './local-student-host.js';
import { DEFAULT_SEED, runFakePeer } from './run-fake-peer.js';

/** One entry of an expected file, keyed `"<assignment>/<case>"`. */
interface ExpectedCase {
  score: number;
  maxScore: number;
  statuses: Record<string, string>;
  /** Per test id, substrings its feedback must contain. */
  feedback?: Record<string, string[]>;
}

type DescribeBlock = (name: string, body: () => void) => void;

/** What a case's test body may do: skip itself, and clean up once it has ended (failed or timed out included). */
interface TestContext {
  skip(): void;
  onTestFinished(body: () => void): void;
}

/** The parts of vitest we use: pass vitest's own `{ describe, it, expect, beforeAll }`. */
export interface TestApi {
  describe: { skipIf(condition: boolean): DescribeBlock & { concurrent: DescribeBlock } };
  it: { skipIf(condition: boolean): (name: string, options: { timeout: number }, body: (test: TestContext) => Promise<void>) => void };
  expect: (actual: unknown) => { toBe(expected: unknown): void; toEqual(expected: unknown): void; toContain(item: string): void };
  beforeAll(body: () => Promise<void>): void;
}

export interface ExpectedFixturesOptions {
  /** Title of the `describe` block. */
  title: string;
  /** The file in `test/fixtures/submissions/`, e.g. `expected-bank.json`. */
  expectedFile: string;
  /** Per case. @defaultValue 60_000 */
  timeoutMs?: number;
  /** Cases that need the sandbox's limits (pids, memory): never run here. */
  sandboxOnly?: readonly string[];
  /** Cases that sit out real timeouts: run only with `SOCKGRADE_SLOW_FIXTURES=1`. */
  slow?: readonly string[];
  /** Cases that run only where `probe()` (awaited once, before all cases) says this machine can; skipped elsewhere. */
  needs?: { cases: readonly string[]; probe: () => Promise<boolean> };
  /**
   * Runs each case in a fresh temporary copy of its folder, as the sandbox does (the launcher
   * copies the submission into a tmpfs): a program that writes files must not write into the
   * repository. @defaultValue false
   */
  freshCopy?: boolean;
  /**
   * Cases whose program looks up hard-coded host names (`mail.hsg-kl.de`): in the pod every
   * name resolves to the peer; here they run behind `resolve-to-loopback.py`, which makes
   * Python resolve every name to 127.0.0.1.
   */
  resolvesNames?: (caseName: string) => boolean;
  /**
   * The runs' seeds, per case: each case is graded once per seed and must give the expected
   * result every time (the abp channel's losses follow from the seed).
   * @defaultValue one run with {@link DEFAULT_SEED}
   */
  seeds?: (caseKey: string) => readonly string[];
  /**
   * Runs the cases at the same time: for families whose cases mostly sit out real timeouts.
   * @defaultValue false
   */
  concurrent?: boolean;
  /**
   * The definition that grades a case's fixtures, by the assignment id of its key (issue
   * #14: a scripted re-expression of a built-in must give the built-in's results).
   * @defaultValue the built-in of that id
   */
  assignment?: (assignmentId: string) => Promise<AssignmentDefinition | undefined>;
  /** Skip the feedback substrings of the expected file (another check's words). @defaultValue false */
  ignoreFeedback?: boolean;
  /** Where the expected file and the cases are, instead of test/fixtures/submissions/ (issue #14: the examples' fixtures). */
  fixtures?: { expectedFile: string; caseDir(assignmentId: string, caseName: string): string };
  /** Only the cases of these assignments. @defaultValue all of the file */
  assignments?: readonly string[];
}

const root = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));
const loopbackResolver = fileURLToPath(new URL('./resolve-to-loopback.py', import.meta.url));

/** Defines one `it` per case of `options.expectedFile`, all skipped where there is no `python3`. */
export function describeExpectedFixtures(vitest: TestApi, options: ExpectedFixturesOptions): void {
  const { describe, it, beforeAll } = vitest;
  const expected = JSON.parse(readFileSync(options.fixtures?.expectedFile ?? `${root}${options.expectedFile}`, 'utf8')) as Record<string, ExpectedCase>;
  const sandboxOnly = new Set(options.sandboxOnly);
  const slow = new Set(options.slow);
  const slowEnabled = process.env.SOCKGRADE_SLOW_FIXTURES === '1';
  const needed = new Set(options.needs?.cases);
  const block = describe.skipIf(!hasPython());

  (options.concurrent ? block.concurrent : block)(options.title, () => {
    let machineCan = false;
    beforeAll(async () => {
      if (options.needs) machineCan = await options.needs.probe();
    });

    for (const [key, want] of Object.entries(expected)) {
      if (options.assignments && !options.assignments.includes(key.split('/')[0] ?? '')) continue;
      const skip = sandboxOnly.has(key) || (slow.has(key) && !slowEnabled);
      it.skipIf(skip)(`${key}: ${want.score}/${want.maxScore}`, { timeout: options.timeoutMs ?? 60_000 }, async (test) => {
        if (needed.has(key) && !machineCan) return test.skip();
        const seeds = options.seeds?.(key) ?? [DEFAULT_SEED];
        for (const seed of seeds) await gradeCase(vitest, options, { key, want, seed, onFinished: (cleanup) => test.onTestFinished(cleanup) });
      });
    }
  });
}

interface CaseRun {
  key: string;
  want: ExpectedCase;
  seed: string;
  /** Registers what to release once the test has ended, however it ended. */
  onFinished(cleanup: () => void): void;
}

/** Grades one case once, with one seed, and checks the result against its expected entry. */
async function gradeCase({ expect }: TestApi, options: ExpectedFixturesOptions, { key, want, seed, onFinished }: CaseRun): Promise<void> {
  const [assignmentId = '', caseName = ''] = key.split('/');
  const assignment = options.assignment ? await options.assignment(assignmentId) : getAssignment(assignmentId);
  if (!assignment) throw new Error(`no assignment ${assignmentId}`);
  const source = options.fixtures?.caseDir(assignmentId, caseName) ?? `${root}${assignmentId}/${caseName}`;
  expect(existsSync(source)).toBe(true);
  const dir = options.freshCopy ? freshCopyOf(source, assignmentId, onFinished) : source;
  const host = studentHost(assignment, dir, options.resolvesNames?.(caseName) ?? false);
  onFinished(() => host.killAll());
  const result = await runFakePeer(assignment, host.start, { seed, discovery: { inodes: host.inodes } });
  const reports = result.grader.results();
  if (process.env.SOCKGRADE_SHOW_FEEDBACK === '1') {
    for (const r of reports) console.error(`--- ${key} ${r.testId}: ${r.status} (${r.durationMs} ms)\n${r.feedback}\n`);
  }
  const statuses = Object.fromEntries(reports.map((r) => [r.testId, r.status]));
  // The seed on both sides: a failure names the seed it happened with.
  expect({ seed, score: result.score.score, maxScore: result.score.maxScore, statuses }).toEqual({ seed, score: want.score, maxScore: want.maxScore, statuses: want.statuses });
  for (const [testId, needles] of Object.entries(options.ignoreFeedback ? {} : (want.feedback ?? {}))) {
    for (const needle of needles) expect(result.feedback[testId] ?? '').toContain(needle);
  }
}

function studentHost(assignment: AssignmentDefinition, dir: string, resolvesNames: boolean): LocalStudentHost {
  const command = resolvesNames ? ['python3', loopbackResolver, '{entry}'] : undefined;
  return new LocalStudentHost({ dir, entry: assignment.entry, outputBytes: assignment.resources.outputBytes, ...(command ? { command } : {}) });
}

function freshCopyOf(source: string, assignmentId: string, onFinished: (cleanup: () => void) => void): string {
  const dir = mkdtempSync(join(tmpdir(), `sockgrade-${assignmentId}-`));
  onFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(source, dir, { recursive: true });
  return dir;
}

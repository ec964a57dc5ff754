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
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAssignment } from '../index.js';
import { LocalStudentHost } from './local-student-host.js';
import { runFakePeer } from './run-fake-peer.js';

/** One entry of an expected file, keyed `"<assignment>/<case>"`. */
interface ExpectedCase {
  score: number;
  maxScore: number;
  statuses: Record<string, string>;
  /** Per test id, substrings its feedback must contain. */
  feedback?: Record<string, string[]>;
}

/** The parts of vitest we use: pass vitest's own `{ describe, it, expect, beforeAll, afterEach }`. */
export interface TestApi {
  describe: { skipIf(condition: boolean): (name: string, body: () => void) => void };
  it: { skipIf(condition: boolean): (name: string, options: { timeout: number }, body: (test: { skip(): void }) => Promise<void>) => void };
  expect: (actual: unknown) => { toBe(expected: unknown): void; toEqual(expected: unknown): void; toContain(item: string): void };
  beforeAll(body: () => Promise<void>): void;
  afterEach(body: () => void): void;
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
}

const root = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));
const loopbackResolver = fileURLToPath(new URL('./resolve-to-loopback.py', import.meta.url));

/** Defines one `it` per case of `options.expectedFile`, all skipped where there is no `python3`. */
export function describeExpectedFixtures(vitest: TestApi, options: ExpectedFixturesOptions): void {
  const { describe, it, expect, beforeAll, afterEach } = vitest;
  const expected = JSON.parse(readFileSync(`${root}${options.expectedFile}`, 'utf8')) as Record<string, ExpectedCase>;
  const sandboxOnly = new Set(options.sandboxOnly);
  const slow = new Set(options.slow);
  const slowEnabled = process.env.SOCKGRADE_SLOW_FIXTURES === '1';
  const needed = new Set(options.needs?.cases);
  const hosts: LocalStudentHost[] = [];
  const workDirs: string[] = [];

  describe.skipIf(!hasPython())(options.title, () => {
    let machineCan = false;
    beforeAll(async () => {
      if (options.needs) machineCan = await options.needs.probe();
    });
    afterEach(() => {
      for (const host of hosts.splice(0)) host.killAll();
      for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    for (const [key, want] of Object.entries(expected)) {
      const [assignmentId = '', caseName = ''] = key.split('/');
      const skip = sandboxOnly.has(key) || (slow.has(key) && !slowEnabled);
      it.skipIf(skip)(`${key}: ${want.score}/${want.maxScore}`, { timeout: options.timeoutMs ?? 60_000 }, async (test) => {
        if (needed.has(key) && !machineCan) return test.skip();
        const assignment = getAssignment(assignmentId);
        if (!assignment) throw new Error(`no assignment ${assignmentId}`);
        const source = `${root}${assignmentId}/${caseName}`;
        expect(existsSync(source)).toBe(true);
        const dir = options.freshCopy ? freshCopyOf(source, assignmentId, workDirs) : source;
        const command = options.resolvesNames?.(caseName) ? ['python3', loopbackResolver, '{entry}'] : undefined;
        const host = new LocalStudentHost({ dir, entry: assignment.entry, outputBytes: assignment.resources.outputBytes, ...(command ? { command } : {}) });
        hosts.push(host);
        const result = await runFakePeer(assignment, host.start, { discovery: { inodes: host.inodes } });
        const reports = result.grader.results();
        if (process.env.SOCKGRADE_SHOW_FEEDBACK === '1') {
          for (const r of reports) console.error(`--- ${key} ${r.testId}: ${r.status} (${r.durationMs} ms)\n${r.feedback}\n`);
        }
        const statuses = Object.fromEntries(reports.map((r) => [r.testId, r.status]));
        expect({ score: result.score.score, maxScore: result.score.maxScore, statuses }).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
        for (const [testId, needles] of Object.entries(want.feedback ?? {})) {
          for (const needle of needles) expect(result.feedback[testId] ?? '').toContain(needle);
        }
      });
    }
  });
}

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
}

function freshCopyOf(source: string, assignmentId: string, workDirs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `sockgrade-${assignmentId}-`));
  workDirs.push(dir);
  cpSync(source, dir, { recursive: true });
  return dir;
}

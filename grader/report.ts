import type { AssignmentDefinition, Comparison, TestStatus, TestVisibility, TranscriptEntry } from '../checks/types.js';
import type { StudentRunResult, TestResultMessage } from '../checks/peer/protocol.js';
import { capHeadAndTail } from './output-cut.js';
import { withPrintedNote } from './printed-note.js';
import type { TestOutput } from './test-output.js';
import type { GradingTimings } from './timings/index.js';

export interface TestReport {
  id: string;
  name: string;
  score: number;
  maxScore: number;
  status: TestStatus;
  feedback: string;
  transcript: TranscriptEntry[];
  /** Expected vs received, only when the check compared bytes and the test did not pass. */
  compare?: Comparison;
  /**
   * What the program printed while this test ran (issue #13), head and tail; absent when
   * it printed nothing then. Hidden from whoever may not see the test.
   */
  output?: TestOutput;
}

/** The result of one grading run: what `sockgrade grade --json` prints and the API stores. */
export interface GradingReport {
  assignment: string;
  score: number;
  maxScore: number;
  durationMs: number;
  tests: TestReport[];
  /** The program's output; when the tests ran in isolation groups, the `visible` group's (empty without one). */
  logs: StudentLogs;
  /**
   * Only when the tests ran in more than one isolation group (some test hidden): each
   * group's tests, time and output, in the order they ran. See `grader/isolation-groups.ts`.
   */
  groups?: ReportGroup[];
  /** Only for a compiled language (C, Java): the compile step, with the compiler's warnings or errors. */
  build?: BuildReport;
  /** Where the run's time and the machine's CPU went (README: *Timings*); absent for a verdict without a run. */
  timings?: GradingTimings;
}

/**
 * The compile step of a compiled language (issue #14). `failed` or `timeout`: no test ran,
 * every test says why. Warnings of a build that succeeded are shown, never penalised.
 */
export interface BuildReport {
  /** `gcc`, `javac`. */
  compiler: string;
  /** The command line, for people (`gcc -Wall -O2 … server.c`). */
  command: string;
  status: 'ok' | 'failed' | 'timeout';
  exitCode: number | null;
  /** stdout and stderr interleaved, head and tail within the runtime's output cap. */
  output: string;
  durationMs: number;
  /** Only when the compiler hit its memory limit. */
  oomKilled?: boolean;
}

export interface StudentLogs {
  stdout: string;
  stderr: string;
}

/** One isolation group: tests of one visibility, graded against a program run of their own. */
export interface ReportGroup {
  visibility: TestVisibility;
  /** Test ids, in the order they ran. */
  tests: string[];
  durationMs: number;
  logs: StudentLogs;
}

/** What a test that never reported gets: why the run ended before it. */
export interface MissingResult {
  status: TestStatus;
  feedback: string;
}

/** Scores are kept to two decimals: partial credit of 1/3 of 10 points shows as 3.33. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function buildReport(opts: {
  assignment: AssignmentDefinition;
  results: ReadonlyMap<string, TestResultMessage>;
  missing: MissingResult;
  runs: StudentRunResult[];
  /** Per test id, what the program printed during it. */
  outputs?: ReadonlyMap<string, TestOutput>;
  durationMs: number;
  logCapBytes: number;
}): GradingReport {
  const tests = opts.assignment.tests.map((test): TestReport => {
    const result = opts.results.get(test.id);
    const output = opts.outputs?.get(test.id);
    if (!result) {
      const feedback = withPrintedNote(opts.missing.feedback, output);
      return { id: test.id, name: test.name, score: 0, maxScore: test.points, ...opts.missing, feedback, transcript: [], ...(output ? { output } : {}) };
    }
    const fraction = result.fraction ?? (result.status === 'passed' ? 1 : 0);
    const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    return {
      id: test.id,
      name: test.name,
      score: round(test.points * clamped),
      maxScore: test.points,
      status: result.status,
      // A failed test's feedback quotes what the program printed meanwhile (a dead thread's traceback).
      feedback: result.status === 'passed' ? result.feedback : withPrintedNote(result.feedback, output),
      transcript: result.transcript,
      ...(result.compare ? { compare: result.compare } : {}),
      ...(output ? { output } : {}),
    };
  });
  return {
    assignment: opts.assignment.id,
    score: round(tests.reduce((sum, test) => sum + test.score, 0)),
    maxScore: round(tests.reduce((sum, test) => sum + test.maxScore, 0)),
    durationMs: opts.durationMs,
    tests,
    logs: studentLogs(opts.runs, opts.logCapBytes),
  };
}

/** A report without running anything: every test gets the same verdict (missing file, bad archive). */
export function verdictReport(assignment: AssignmentDefinition, status: TestStatus, feedback: string, durationMs: number): GradingReport {
  return buildReport({ assignment, results: new Map(), missing: { status, feedback }, runs: [], durationMs, logCapBytes: 0 });
}

/**
 * One program run: its output as the sandbox kept it (already head and tail within the
 * cap; cutting it again would only cut the sandbox's own note). Several (a client run per
 * scenario): each under a header, each cut to its share of the cap, head and tail.
 */
function studentLogs(runs: StudentRunResult[], capBytes: number): { stdout: string; stderr: string } {
  const join = (pick: (run: StudentRunResult) => string) => {
    if (runs.length === 1) return pick(runs[0]!);
    const share = Math.floor(capBytes / Math.max(1, runs.length));
    return runs.map((run) => `── run ${run.runId} ──\n${capHeadAndTail(pick(run), share)}`).join('\n');
  };
  return { stdout: join((run) => run.stdout), stderr: join((run) => run.stderr) };
}

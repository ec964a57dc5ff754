/**
 * The vocabulary shared by assignment definitions, reference peers and the grader.
 * Everything here is plain data or plain functions: the peer image runs this code on
 * Debian's Node 18, and the grader imports it on Node 20, so only `node:` built-ins.
 */

export type TestStatus = 'passed' | 'failed' | 'error' | 'timeout';

/** One thing that crossed the wire (or happened to a connection) during a test. */
export interface TranscriptEntry {
  /** Milliseconds since the test started. */
  t: number;
  /** `send`: the reference peer wrote; `recv`: the student's program wrote; `event`: connect/close/reset/timeout. */
  dir: 'send' | 'recv' | 'event';
  /** Which connection or socket, e.g. `conn 1` or `udp 2`: several may be open in one test. */
  conn: string;
  /** The bytes as text when they are valid UTF-8 (control characters escaped), else null. */
  text: string | null;
  /** The bytes as hex, set only when they are not valid UTF-8. */
  hex?: string;
  /** Number of bytes; for events 0. */
  bytes: number;
  /** For events: what happened ("connected", "closed by your program", "no reply after 2000 ms"). */
  note?: string;
}

/** What a check decides about one test. A student failing is data, not an exception. */
export interface TestOutcome {
  status: TestStatus;
  /** Written for a student: what we sent, what we expected, what came back, the likely cause. */
  feedback: string;
  /** Share of the test's points, 0..1. Defaults to 1 when passed and 0 otherwise. */
  fraction?: number;
  transcript: TranscriptEntry[];
  /**
   * Set by checks that compare bytes, when the test did not pass: what we expected next to
   * what came back, for the report's side-by-side view (issue #9). Absent otherwise.
   */
  compare?: Comparison;
}

/** Bytes shown to a person, encoded like a transcript entry's body; cut at a cap (`checks/lib/comparison.ts`). */
export interface ComparePayload {
  /** The (shown) bytes as text when they are valid UTF-8 (control characters escaped), else null. */
  text: string | null;
  /** The (shown) bytes as hex, set only when `text` is null. */
  hex?: string;
  /** Number of bytes in full, including any not shown. */
  bytes: number;
  /** Only when the bytes were cut at the cap: how many are shown. */
  shownBytes?: number;
}

/** Expected vs received. Both sides are text, or both hex, so they can be compared unit by unit. */
export interface Comparison {
  expected: ComparePayload;
  received: ComparePayload;
  /** Which exchange of the test this is, e.g. `Connection 2 of 3`. */
  label?: string;
}

/** One graded test of an assignment, as a teacher configures it. */
export interface TestDefinition {
  id: string;
  name: string;
  points: number;
  /** Extra parameters handed to the check for this test only. */
  params?: Record<string, unknown>;
  /**
   * Who may see the result (set by the service from a teacher's assignment file; absent:
   * `visible`). The grader runs each visibility against its own program run, so a hidden
   * test's input can never show in a visible test's transcript or output (issue #12).
   */
  visibility?: TestVisibility;
}

/**
 * `visible`: everyone sees the result; `hidden-until-deadline`: students only after the
 * deadline; `hidden`: only teachers.
 */
export type TestVisibility = 'visible' | 'hidden-until-deadline' | 'hidden';

/** Wall-clock limits of a grading run, in milliseconds. */
export interface AssignmentLimits {
  /** How long a server may take to open its socket after start. */
  startupMs: number;
  /** Deadline of a single test. */
  testMs: number;
  /** One run of a student's client, from start to exit. */
  clientRunMs: number;
  /** The whole grading run; the grader's watchdog adds its own overhead on top. */
  runMs: number;
}

/** Resource limits of the student's container. */
export interface StudentResourceLimits {
  memoryBytes: number;
  nanoCpus: number;
  pids: number;
  openFiles: number;
  fileSizeBytes: number;
  tmpBytes: number;
  workBytes: number;
  /** Cap of captured stdout and stderr, each. */
  outputBytes: number;
}

/** The languages a student may write in; each is defined once in `checks/runtimes.ts`. */
export type RuntimeId = 'python' | 'c' | 'java';

/** A language runtime: which image runs the student's program and how. Made by `runtimeRef()`. */
export interface RuntimeRef {
  /** Which runtime of `checks/runtimes.ts` this is (absent in payloads made before issue #14: Python). */
  id?: RuntimeId;
  /** Key of a student image recipe under `docker/`, e.g. `python`. */
  image: string;
  /**
   * argv to run the entry file; `{entry}` is replaced by the entry file name, `{main}` by
   * it without its extension (Java's class).
   */
  command: string[];
  /** A compile step, run once per pod before the program starts. Absent: nothing to build. */
  build?: RuntimeBuild;
}

/** How a runtime compiles the submission, with limits of its own (not the program's). */
export interface RuntimeBuild {
  /** argv, in the submission's folder; `{entry}` as in `command`. */
  command: string[];
  /** The command as the report shows it, when `command` wraps it (a shell gathering the sources). @defaultValue `command` */
  shownCommand?: string[];
  /** Named in feedback: "gcc reported errors". */
  compiler: string;
  timeoutMs: number;
  /** Cap of the compiler's output kept (stdout and stderr together). */
  outputBytes: number;
  memoryBytes: number;
}

export interface AssignmentDefinition {
  id: string;
  title: string;
  /** One line for lists. */
  summary: string;
  /** The exercise sheet, Markdown. */
  description: { en: string; de: string };
  /** What the student writes: a server probed by a reference client, or a client talking to a mock server. */
  role: 'server' | 'client';
  transport: 'tcp' | 'udp';
  /** Id of the check suite in `checks/index.ts` that grades it. */
  suite: string;
  /** The file the student must submit and that is started. */
  entry: string;
  runtime: RuntimeRef;
  /**
   * Other languages a submission may be written in, told apart by the entry file handed in
   * (`server.c`, `Server.java`; names in `checks/runtimes.ts`). @defaultValue none
   */
  otherRuntimes?: RuntimeId[];
  /** A fixed port the student's server must use, or the reference server listens on; otherwise discovered or chosen. */
  port?: number;
  /** Names that resolve to the pod's loopback, besides the pod's own hostname (via the hosts file). */
  hostnames?: string[];
  /**
   * Answer every DNS lookup in the pod with 127.0.0.1 (the peer runs a DNS responder),
   * so course code with hard-coded hosts runs unchanged. @defaultValue false
   */
  answerAllDnsNames?: boolean;
  /** Parameters shared by all tests of the suite. */
  params?: Record<string, unknown>;
  tests: TestDefinition[];
  limits: AssignmentLimits;
  resources: StudentResourceLimits;
}

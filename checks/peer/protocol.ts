/**
 * The contract between the grader and the reference peer running inside the pod.
 *
 * The peer drives the grading run: it asks the grader to start the student's program
 * (once for a server, once per scenario for a client), runs its tests over the pod's
 * loopback and reports each result. Messages are JSON, one per line: peer → grader on
 * the peer's stdout, grader → peer on the peer's stdin. Anything else the peer prints
 * (stderr) is diagnostics for us, never shown as a score.
 */
import { parseComparison } from '../lib/comparison.js';
import type { AssignmentDefinition, Comparison, TestStatus, TranscriptEntry } from '../types.js';

/** Environment variable that carries the base64-encoded JSON {@link PeerConfig}. */
export const PEER_CONFIG_ENV = 'SOCKGRADE_PEER_CONFIG';

export interface PeerConfig {
  /** The assignment with any teacher overrides (points, params, limits) already applied. */
  assignment: AssignmentDefinition;
  /** Seeds per-run randomness (tokens, loss schedules) so a run can be replayed. */
  seed: string;
  /** The pod's hostname; resolves to 127.0.0.1 inside the pod. */
  podHostname: string;
}

export interface StartStudentRequest {
  type: 'start-student';
  runId: string;
  /** Extra argv after the entry file, e.g. `['127.0.0.1', '7']` for a client. */
  args: string[];
  /** Bytes to feed on stdin (UTF-8); stdin is closed after them. Omitted: stdin is empty. */
  stdin?: string;
  env?: Record<string, string>;
  /** Kill the program after this long; omitted: it runs until stopped or the run ends. */
  timeoutMs?: number;
}

export interface StopStudentRequest {
  type: 'stop-student';
  runId: string;
}

export interface TestStartedMessage {
  type: 'test-started';
  testId: string;
  /**
   * When the peer sent it, epoch ms on the peer's clock, which is the host's: containers
   * share the kernel's clock. The grader links the program's output to tests by it (issue
   * #13); the line itself may reach the grader later than output printed after it.
   */
  at?: number;
}

export interface TestResultMessage {
  type: 'test-result';
  testId: string;
  status: TestStatus;
  feedback: string;
  fraction?: number;
  transcript: TranscriptEntry[];
  durationMs: number;
  /** Expected vs received, when the check compared bytes and the test did not pass. */
  compare?: Comparison;
  /** When the peer sent it, as in {@link TestStartedMessage}. */
  at?: number;
}

export interface PeerLogMessage {
  type: 'log';
  message: string;
}

export interface PeerDoneMessage {
  type: 'done';
}

/**
 * The peer's answer to a {@link ResetRequest}: whether it is as clean as a fresh peer and
 * may serve another run (issue #11). Not clean: `reason` says why, and the peer exits.
 */
export interface PeerResetDoneMessage {
  type: 'reset-done';
  clean: boolean;
  reason?: string;
  /** How many runs this peer has served, the one just reset included. */
  runs?: number;
}

export type PeerMessage =
  | StartStudentRequest
  | StopStudentRequest
  | TestStartedMessage
  | TestResultMessage
  | PeerLogMessage
  | PeerDoneMessage
  | PeerResetDoneMessage;

/** What happened to one run of the student's program. */
export interface StudentRunResult {
  runId: string;
  /** Null when the program could not be started at all (see `startError`). */
  exitCode: number | null;
  oomKilled: boolean;
  /** Killed by us because it outlived its `timeoutMs`. */
  timedOut: boolean;
  /** Stopped on request (a server at the end of the run) rather than exiting by itself. */
  stopped: boolean;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  durationMs: number;
  startError?: string;
}

export interface StudentStartedMessage {
  type: 'student-started';
  runId: string;
}

export interface StudentExitedMessage {
  type: 'student-exited';
  result: StudentRunResult;
}

/**
 * The config, as the first line on stdin when it is not in the environment: a peer can
 * then be started ahead of time (a warm pod) and be told what to grade when a run begins.
 */
export interface PeerConfigMessage {
  type: 'config';
  config: PeerConfig;
}

/**
 * After a run's `done`, once every container of the run is removed: the peer checks that
 * nothing of the run is left (its own sockets, timers, the pod's network namespace) and
 * answers `reset-done`; a clean peer then waits for the next run's config.
 */
export interface ResetRequest {
  type: 'reset';
  /**
   * How long a clean peer then waits for its next config before it exits by itself: a pod
   * kept between `sockgrade grade` runs (`grader/sandbox/kept-pods.ts`) has no process
   * that would retire it. At most the peer's own idle wait. @defaultValue the peer's own idle wait
   */
  idleExitMs?: number;
}

export type GraderMessage = StudentStartedMessage | StudentExitedMessage | PeerConfigMessage | ResetRequest;

const PEER_TYPES = new Set(['start-student', 'stop-student', 'test-started', 'test-result', 'log', 'done', 'reset-done']);
const STATUSES = new Set(['passed', 'failed', 'error', 'timeout']);

/** Parses one line the peer printed. Returns null for lines that are not protocol messages. */
export function parsePeerMessage(line: string): PeerMessage | null {
  const value = parseObject(line);
  if (!value || typeof value.type !== 'string' || !PEER_TYPES.has(value.type)) return null;
  switch (value.type) {
    case 'start-student':
      if (typeof value.runId !== 'string' || !isStringArray(value.args)) return null;
      if (value.stdin !== undefined && typeof value.stdin !== 'string') return null;
      if (value.timeoutMs !== undefined && typeof value.timeoutMs !== 'number') return null;
      if (value.env !== undefined && !isStringRecord(value.env)) return null;
      return value as unknown as StartStudentRequest;
    case 'stop-student':
      return typeof value.runId === 'string' ? (value as unknown as StopStudentRequest) : null;
    case 'test-started':
      return typeof value.testId === 'string' ? (withValidStamp(value) as unknown as TestStartedMessage) : null;
    case 'test-result':
      if (typeof value.testId !== 'string' || typeof value.feedback !== 'string') return null;
      if (typeof value.status !== 'string' || !STATUSES.has(value.status)) return null;
      if (!Array.isArray(value.transcript) || typeof value.durationMs !== 'number') return null;
      if (value.fraction !== undefined && typeof value.fraction !== 'number') return null;
      return withValidComparison(withValidStamp(value)) as unknown as TestResultMessage;
    case 'log':
      return typeof value.message === 'string' ? (value as unknown as PeerLogMessage) : null;
    case 'reset-done':
      if (typeof value.clean !== 'boolean') return null;
      return {
        type: 'reset-done',
        clean: value.clean,
        ...(typeof value.reason === 'string' ? { reason: value.reason.slice(0, 500) } : {}),
        ...(isCount(value.runs) ? { runs: value.runs } : {}),
      };
    default:
      return { type: 'done' };
  }
}

/** Parses one line the grader wrote to the peer's stdin. */
export function parseGraderMessage(line: string): GraderMessage | null {
  const value = parseObject(line);
  if (!value) return null;
  if (value.type === 'student-started' && typeof value.runId === 'string') return value as unknown as StudentStartedMessage;
  if (value.type === 'config' && value.config && typeof value.config === 'object') return value as unknown as PeerConfigMessage;
  if (value.type === 'reset') return { type: 'reset', ...(isCount(value.idleExitMs) && value.idleExitMs > 0 ? { idleExitMs: value.idleExitMs } : {}) };
  if (value.type === 'student-exited' && value.result && typeof value.result === 'object') {
    return value as unknown as StudentExitedMessage;
  }
  return null;
}

export function encodeMessage(message: PeerMessage | GraderMessage): string {
  return `${JSON.stringify(message)}\n`;
}

export function encodePeerConfig(config: PeerConfig): string {
  return Buffer.from(JSON.stringify(config), 'utf8').toString('base64');
}

export function decodePeerConfig(encoded: string): PeerConfig {
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as PeerConfig;
}

/**
 * The result keeps its `compare` only when it is well-formed, rebuilt from its known
 * fields: a malformed one is dropped (the score never depends on it), not trusted.
 */
function withValidComparison(value: Record<string, unknown>): Record<string, unknown> {
  if (value.compare === undefined) return value;
  const { compare, ...rest } = value;
  const parsed = parseComparison(compare);
  return parsed ? { ...rest, compare: parsed } : rest;
}

/** A malformed `at` is dropped (the grader then uses the time the line arrived), not trusted. */
function withValidStamp(value: Record<string, unknown>): Record<string, unknown> {
  if (value.at === undefined || (typeof value.at === 'number' && Number.isFinite(value.at))) return value;
  const { at: _dropped, ...rest } = value;
  return rest;
}

function parseObject(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && Object.values(value).every((item) => typeof item === 'string');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

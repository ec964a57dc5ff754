/**
 * The check-suite model: a test check is a plain async function over a typed context,
 * registered by id in a suite. Checks import only `node:` built-ins and `checks/lib`, so
 * each one is unit-tested against an in-process fake student.
 */
import type { RecordingTcpServer, RecordingTcpServerOptions } from './lib/recording-tcp-server.js';
import type { RecordingUdpServer, RecordingUdpServerOptions } from './lib/recording-udp-server.js';
import type { ProtocolProbe } from './lib/socket-probes.js';
import type { TranscriptRecorder } from './lib/transcript.js';
import type { StudentRunResult } from './peer/protocol.js';
import type { AssignmentDefinition, AssignmentLimits, TestDefinition, TestOutcome } from './types.js';

/** What a check may know about the student's program while it runs. */
export interface StudentView {
  /** The result of the program's run once it has exited, else null. */
  lastExit(): StudentRunResult | null;
  /** Aborts (reason: a {@link StudentExitedError}) when the program exits. */
  readonly exited: AbortSignal;
  /**
   * Waits up to `ms` for the program to exit; null if it is still running. For feedback:
   * after a connection closed without a reply, the exit report with the traceback is
   * usually a few milliseconds behind.
   */
  waitForExit(ms: number, signal?: AbortSignal): Promise<StudentRunResult | null>;
}

export interface CheckContextBase {
  test: TestDefinition;
  /** Suite params merged with (and overridden by) the test's params. */
  params: Record<string, unknown>;
  /** Aborts when the test's deadline passes or the run ends. Pass it to every wait. */
  signal: AbortSignal;
  /** Record everything here; on a timeout the runner reports what it holds so far. */
  transcript: TranscriptRecorder;
  limits: AssignmentLimits;
  assignment: AssignmentDefinition;
  /** Per-run seed for randomness that must be replayable. */
  seed: string;
  /** Diagnostics for us (peer stderr), never shown to the student. */
  log(message: string): void;
}

export interface ServerTarget {
  host: string;
  port: number;
  transport: 'tcp' | 'udp';
  /** The address the student's server bound, as the kernel reports it. */
  boundAddress: string;
}

export interface ServerCheckContext extends CheckContextBase {
  target: ServerTarget;
  student: StudentView;
}

export interface ClientRunOptions {
  /** argv after the entry file, e.g. `['127.0.0.1', '40000']`. */
  args: string[];
  /** Text on stdin; stdin is closed after it. */
  stdin?: string;
  env?: Record<string, string>;
  /** @defaultValue limits.clientRunMs */
  timeoutMs?: number;
}

export interface ReferenceServerFactory {
  /** A recording TCP server on `127.0.0.1` and `assignment.port` (else a free port). Closed at the end of the run. */
  tcpEcho(options: Omit<RecordingTcpServerOptions, 'host' | 'port'> & { port?: number }): Promise<RecordingTcpServer>;
  /** A recording UDP server, likewise. */
  udpEcho(options: Omit<RecordingUdpServerOptions, 'host' | 'port'> & { port?: number }): Promise<RecordingUdpServer>;
}

export interface ClientCheckContext extends CheckContextBase {
  /**
   * Runs the student's client once per `key` within one peer run (several tests grade
   * one run) and resolves with how it ended. Not bound to the test's signal: a test that
   * times out does not kill a run the next test still needs.
   */
  runClient(key: string, options: ClientRunOptions): Promise<StudentRunResult>;
  /** Memoizes any per-run work (a whole scenario) under `key`; `signal` is the run's. */
  shared<T>(key: string, factory: (signal: AbortSignal) => Promise<T>): Promise<T>;
  servers: ReferenceServerFactory;
}

export type ServerCheck = (ctx: ServerCheckContext) => Promise<TestOutcome>;
export type ClientCheck = (ctx: ClientCheckContext) => Promise<TestOutcome>;

export interface ServerSuite {
  id: string;
  role: 'server';
  transport: 'tcp' | 'udp';
  checks: Readonly<Record<string, ServerCheck>>;
  /**
   * Tells which of several sockets speaks the protocol (issue #13); without one, the first
   * in order is graded. A function gets the assignment's params (a protocol's words, a
   * scripted file's `probe`) and may answer that no socket can be told apart.
   */
  probe?: ProtocolProbe | ((params: Record<string, unknown>) => ProtocolProbe | undefined);
}

export interface ClientSuite {
  id: string;
  role: 'client';
  transport: 'tcp' | 'udp';
  checks: Readonly<Record<string, ClientCheck>>;
}

export type CheckSuite = ServerSuite | ClientSuite;

/** A test runs the check named by its `params.check`, else the check with the test's id. */
export function checkKeyOf(test: TestDefinition): string {
  const key = test.params?.check;
  return typeof key === 'string' ? key : test.id;
}

/** Suite params, then test params; the test wins. */
export function mergeParams(assignment: AssignmentDefinition, test: TestDefinition): Record<string, unknown> {
  return { ...(assignment.params ?? {}), ...(test.params ?? {}) };
}

/** The program exited while a check was waiting for it. */
export class StudentExitedError extends Error {
  readonly code = 'STUDENT_EXITED';

  constructor(readonly result: StudentRunResult) {
    super(`the student's program exited (code ${result.exitCode ?? 'none'})`);
    this.name = 'StudentExitedError';
  }
}

/** What an assignment family folder contributes to the registry (`checks/index.ts`). */
export interface CheckFamily {
  suites: readonly CheckSuite[];
  assignments: readonly AssignmentDefinition[];
}

import { formatDuration } from '../lib/deadline.js';
import { CodedError } from '../lib/errors.js';
import { RecordingTcpServer } from '../lib/recording-tcp-server.js';
import { RecordingUdpServer } from '../lib/recording-udp-server.js';
import { checkKeyOf, type ClientCheckContext, type ClientRunOptions, type ClientSuite, type ReferenceServerFactory } from '../suite.js';
import { baseContext, type PeerRun, START_WAIT_MS } from './peer-run.js';
import type { StudentRunResult } from './protocol.js';
import { runTest } from './run-test.js';

/** How long past its own kill timeout we wait for the grader to report a client's exit. */
const EXIT_REPORT_GRACE_MS = 5_000;

/** The grader did not report a client run's start or end in time: our fault, not the student's. */
export class GraderUnresponsiveError extends CodedError {
  readonly code = 'GRADER_UNRESPONSIVE';
}

/** Runs every test of a client suite; tests start the student's client through `runClient`. */
export async function runClientSuite(run: PeerRun, suite: ClientSuite): Promise<void> {
  const { assignment, limits } = run;
  const clientRuns = new Map<string, Promise<StudentRunResult>>();
  const shared = new Map<string, Promise<unknown>>();
  const servers: Array<{ close(): Promise<void> }> = [];
  const factory: ReferenceServerFactory = {
    tcpEcho: async (options) => {
      const server = await RecordingTcpServer.start({ ...options, host: '127.0.0.1', port: options.port ?? assignment.port ?? 0 });
      servers.push(server);
      return server;
    },
    udpEcho: async (options) => {
      const server = await RecordingUdpServer.start({ ...options, host: '127.0.0.1', port: options.port ?? assignment.port ?? 0 });
      servers.push(server);
      return server;
    },
  };
  const runClient = (key: string, options: ClientRunOptions): Promise<StudentRunResult> => {
    let pending = clientRuns.get(key);
    if (!pending) {
      pending = executeClientRun(run, `client-${clientRuns.size + 1}`, options);
      clientRuns.set(key, pending);
    }
    return pending;
  };
  const sharedValue = <T>(key: string, make: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    let pending = shared.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = make(run.runSignal);
      // A rejected scenario is reported by each test that awaits it, never as unhandled.
      pending.catch(() => {});
      shared.set(key, pending);
    }
    return pending;
  };
  try {
    for (const test of assignment.tests) {
      run.reported.add(test.id);
      await runTest<ClientCheckContext>({
        test,
        // A test may have to wait for a whole client run before it can judge anything.
        deadlineMs: limits.testMs + limits.clientRunMs + EXIT_REPORT_GRACE_MS,
        transport: run.transport,
        runSignal: run.runSignal,
        log: run.log,
        check: suite.checks[checkKeyOf(test)],
        makeContext: (signal, transcript) => ({
          ...baseContext(run, test, signal, transcript),
          runClient,
          shared: sharedValue,
          servers: factory,
        }),
      });
    }
  } finally {
    run.control.stopAll();
    await Promise.allSettled(servers.map((server) => server.close()));
  }
}

async function executeClientRun(run: PeerRun, runId: string, options: ClientRunOptions): Promise<StudentRunResult> {
  const timeoutMs = options.timeoutMs ?? run.limits.clientRunMs;
  run.log(`starting client run ${runId}: ${JSON.stringify(options.args)}`);
  const student = run.control.start(runId, { ...options, timeoutMs });
  const started = await student.waitForStart(START_WAIT_MS, run.runSignal);
  if (started === 'timeout') throw new GraderUnresponsiveError(`the sandbox did not report within ${formatDuration(START_WAIT_MS)} that your client started`);
  const result = await student.waitForExit(timeoutMs + EXIT_REPORT_GRACE_MS, run.runSignal);
  if (result) return result;
  run.control.stop(runId);
  const late = await student.waitForExit(EXIT_REPORT_GRACE_MS, run.runSignal);
  if (late) return late;
  throw new GraderUnresponsiveError(`the sandbox did not report the end of your client within ${formatDuration(timeoutMs + 2 * EXIT_REPORT_GRACE_MS)}`);
}

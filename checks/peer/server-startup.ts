import { linkSignals } from '../lib/any-signal.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import { discoverPorts, PortNotFoundError, type ProcFileReader } from '../lib/port-discovery/index.js';
import type { ProtocolProbe } from '../lib/socket-probes.js';
import { chooseSocket } from './choose-socket.js';
import { StudentExitedError, type ServerTarget } from '../suite.js';
import type { TestOutcome } from '../types.js';
import { type PeerRun, START_WAIT_MS } from './peer-run.js';
import { abortedOutcome, ourFault } from './run-test.js';
import type { StudentRun } from './student-run.js';

export interface DiscoveryDeps {
  /** Reads `/proc/net/*`; injectable for tests. */
  readFile?: ProcFileReader;
  /** The student's socket inodes where visible (a local run); see `discoverPort`. */
  inodes?: () => Promise<ReadonlySet<number> | null>;
  pollMs?: number;
}

/** `note`: which socket we graded when there were several, for every test's feedback. */
export type ServerStartup = { kind: 'ready'; target: ServerTarget; note: string | null } | { kind: 'failed'; outcome: TestOutcome };

/**
 * Starts the student's server and waits until it listens (TCP) or is bound (UDP); with
 * several sockets, `probe` helps choose (see `chooseSocket`).
 */
export async function startServer(run: PeerRun, student: StudentRun, transport: 'tcp' | 'udp', deps: DiscoveryDeps, probe?: ProtocolProbe): Promise<ServerStartup> {
  const { assignment, limits } = run;
  try {
    const started = await student.waitForStart(START_WAIT_MS, run.runSignal);
    if (started === 'timeout') return failed(ourFault(`the sandbox did not report within ${formatDuration(START_WAIT_MS)} that your server started`));
    if (started === 'exited') return failed(exitedEarly(run, student));
  } catch {
    return failed(abortedOutcome(run.runSignal, emptyTranscript()));
  }
  const linked = linkSignals([run.runSignal, student.exited]);
  try {
    const candidates = await discoverPorts({
      transport,
      ...(assignment.port !== undefined ? { port: assignment.port } : {}),
      timeoutMs: limits.startupMs,
      signal: linked.signal,
      ...(deps.readFile ? { readFile: deps.readFile } : {}),
      ...(deps.inodes ? { inodes: deps.inodes } : {}),
      ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    });
    const { chosen: found, note } = await chooseSocket(candidates, transport, probe, linked.signal);
    run.log(`student ${transport} sockets found: ${candidates.map((c) => `${c.address}:${c.port}`).join(', ')}; grading ${found.address}:${found.port} via ${found.host}`);
    return { kind: 'ready', target: { host: found.host, port: found.port, transport, boundAddress: found.address }, note };
  } catch (error) {
    if (error instanceof StudentExitedError) return failed(exitedEarly(run, student));
    if (error instanceof PortNotFoundError) return failed(noSocket(run, error));
    if (run.runSignal.aborted) return failed(abortedOutcome(run.runSignal, emptyTranscript()));
    run.log(`port discovery failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return failed(ourFault(`we could not look for your server's socket: ${error instanceof Error ? error.message : String(error)}`));
  } finally {
    linked.dispose();
  }
}

function exitedEarly(run: PeerRun, student: StudentRun): TestOutcome {
  const result = student.lastExit();
  const socket = run.assignment.transport === 'tcp' ? 'opened a listening socket' : 'opened a socket';
  const detail = result
    ? describeExit(result, {
        what: 'server',
        when: `before it ${socket}`,
        entry: run.assignment.entry,
        memoryBytes: run.assignment.resources.memoryBytes,
        pids: run.assignment.resources.pids,
      })
    : `Your server ended before it ${socket}.`;
  return { status: 'failed', feedback: `${detail}\n\nSo we could not test it: this test and all others fail.`, transcript: [] };
}

function noSocket(run: PeerRun, error: PortNotFoundError): TestOutcome {
  const after = formatDuration(error.timeoutMs);
  const pinned = run.assignment.port;
  const elsewhere = pinned !== undefined ? error.others.find((s) => s.port !== pinned) : undefined;
  let feedback: string;
  if (elsewhere) {
    feedback = `Your server opened port ${elsewhere.port}, but this exercise asks for port ${pinned}. We waited ${after} for a socket on port ${pinned}.`;
  } else if (error.transport === 'tcp') {
    feedback = `No listening TCP socket after ${after} — did you call listen()? Your server was still running, but it never got as far as bind() and listen() (maybe it waits for input, or sleeps, before opening its socket).`;
  } else {
    feedback = `No bound UDP socket after ${after} — did you call bind()? Your server was still running, but a UDP server has to bind its socket before it can receive anything.`;
  }
  return { status: 'timeout', feedback, transcript: [] };
}

function failed(outcome: TestOutcome): ServerStartup {
  return { kind: 'failed', outcome };
}

function emptyTranscript(): { entries(): [] } {
  return { entries: () => [] };
}

import type Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { PEER_CONFIG_ENV, encodePeerConfig } from '../checks/peer/protocol.js';
import type { AssignmentDefinition } from '../checks/types.js';
import { SockgradeError } from './errors.js';
import { PeerSession, type GradingProgress } from './peer-session.js';
import { buildReport, verdictReport, type GradingReport, type MissingResult } from './report.js';
import { BoundedOutput } from './sandbox/bounded-output.js';
import { waitForExit } from './sandbox/container-exit.js';
import { LineSplitter } from './sandbox/line-splitter.js';
import { POD_HOSTNAME, SandboxPod, newRunId } from './sandbox/sandbox-pod.js';
import { packSubmission } from './sandbox/submission-archive.js';
import type { SubmissionFiles, SubmissionProblem } from './submission-files.js';

/**
 * The outer watchdog's slack beyond the assignment's own run limit: container start and
 * teardown. The peer enforces per-test deadlines; this catches everything else.
 */
const WATCHDOG_OVERHEAD_MS = 20_000;
/** A test-result line carries a capped transcript; anything longer is not from our peer. */
const MAX_PEER_LINE_BYTES = 16 * 1024 * 1024;
const PEER_DRAIN_MS = 2_000;

export interface GradeOptions {
  docker: Dockerode;
  assignment: AssignmentDefinition;
  files: SubmissionFiles | SubmissionProblem;
  images: { peer: string; student: string };
  signal?: AbortSignal;
  progress?: GradingProgress;
  log?: (line: string) => void;
  runId?: string;
  seed?: string;
}

/** Graded cancelled from outside (job cancelled, process shutting down): no verdict. */
export class RunAbortedError extends SockgradeError {
  constructor(options?: { cause?: unknown }) {
    super('RUN_ABORTED', 'The grading run was cancelled before it finished.', options);
  }
}

/**
 * Grades one submission in a fresh sandbox pod and returns the report. Always returns a
 * verdict for anything the student did; throws only for our own faults (Docker down,
 * image missing) or when cancelled through `signal`.
 */
export async function gradeSubmission(opts: GradeOptions): Promise<GradingReport> {
  const { assignment, files } = opts;
  const log = opts.log ?? (() => {});
  const started = Date.now();
  if ('problem' in files) return verdictReport(assignment, 'failed', files.problem, 0);
  if (!files.has(assignment.entry)) {
    return verdictReport(assignment, 'failed', missingEntryFeedback(assignment, files), 0);
  }

  const watchdog = new AbortController();
  const watchdogMs = assignment.limits.runMs + WATCHDOG_OVERHEAD_MS;
  const watchdogTimer = setTimeout(() => watchdog.abort(new Error(`run limit of ${watchdogMs} ms`)), watchdogMs);
  const signal = AbortSignal.any([watchdog.signal, ...(opts.signal ? [opts.signal] : [])]);
  const runId = opts.runId ?? newRunId();
  let pod: SandboxPod | undefined;
  let session: PeerSession | undefined;
  try {
    pod = await SandboxPod.create({
      docker: opts.docker,
      runId,
      peerImage: opts.images.peer,
      hostnames: assignment.hostnames ?? [],
      signal,
      log,
    });
    session = new PeerSession(pod, assignment, opts.images.student, opts.progress ?? {}, log);
    const peerStderr = new BoundedOutput(64 * 1024);
    const current = session;
    const splitter = new LineSplitter((line) => current.handleLine(line), MAX_PEER_LINE_BYTES, (bytes) =>
      log(`dropped an over-long peer line of ${bytes} bytes`),
    );
    const { seed = randomBytes(8).toString('hex') } = opts;
    const { description: _description, ...peerAssignment } = assignment;
    const config = encodePeerConfig({
      assignment: { ...peerAssignment, description: { en: '', de: '' } },
      seed,
      podHostname: POD_HOSTNAME,
    });
    // Start-up in parallel where Docker allows it: containers can be created against the
    // holder's id before it runs; only their start needs the booted pod.
    const [, peer, server] = await Promise.all([
      packSubmission(files).then((tar) => pod!.boot(tar)),
      pod.preparePeer([`${PEER_CONFIG_ENV}=${config}`], splitter, peerStderr),
      assignment.role === 'server' ? session.prepareServer() : Promise.resolve(null),
    ]);
    log('pod booted, peer and server created');
    session.connect(peer.stream);
    if (server) session.startPrepared(server);
    await peer.start();
    log('peer started');
    const peerExited = waitForExit(peer.container, signal).then(
      () => 'exited' as const,
      () => 'aborted' as const,
    );
    const outcome = await Promise.race([session.finished.then(() => 'done' as const), peerExited]);
    if (outcome === 'exited' && !session.isDone) {
      // The last lines may still be in flight when Docker reports the exit.
      await Promise.race([session.finished, delay(PEER_DRAIN_MS)]);
    }
    if (outcome === 'aborted') throw signal.reason;
    const missing: MissingResult = session.isDone
      ? { status: 'error', feedback: 'The reference peer did not run this test. This is a grader fault, not yours.' }
      : peerCrashed(peerStderr.text(), log);
    return buildReport({
      assignment,
      results: session.results,
      missing,
      runs: session.runs,
      durationMs: Date.now() - started,
      logCapBytes: assignment.resources.outputBytes,
    });
  } catch (error) {
    if (opts.signal?.aborted) throw new RunAbortedError({ cause: error });
    if (!watchdog.signal.aborted) throw error;
    return buildReport({
      assignment,
      results: session?.results ?? new Map(),
      missing: {
        status: 'timeout',
        feedback: `The whole grading run took longer than its limit of ${Math.round(watchdogMs / 1000)} s, so this test did not finish. Does your program stop answering or never exit?`,
      },
      runs: session?.runs ?? [],
      durationMs: Date.now() - started,
      logCapBytes: assignment.resources.outputBytes,
    });
  } finally {
    clearTimeout(watchdogTimer);
    await pod?.dispose();
    await session?.settle();
  }
}

function missingEntryFeedback(assignment: AssignmentDefinition, files: SubmissionFiles): string {
  const found = [...files.keys()];
  const what = assignment.role === 'server' ? 'server' : 'client';
  const list = found.length ? `Files found: ${found.map((name) => `\`${name}\``).join(', ')}.` : 'The submission is empty.';
  return `Your submission has no \`${assignment.entry}\`, so there was no ${what} to test. ${list} Name your ${what} program \`${assignment.entry}\` and submit it at the top level.`;
}

function peerCrashed(stderr: string, log: (line: string) => void): MissingResult {
  log(`reference peer stopped without finishing; its stderr:\n${stderr}`);
  return {
    status: 'error',
    feedback: 'The grader’s reference peer stopped unexpectedly before this test ran. This is our fault, not yours: please tell your teacher.',
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

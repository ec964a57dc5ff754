import type Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { encodeMessage, type PeerConfigMessage } from '../checks/peer/protocol.js';
import { BUILD_FOLDER } from '../checks/runtimes.js';
import type { AssignmentDefinition } from '../checks/types.js';
import { buildFailedFeedback, runBuildStep } from './build-step.js';
import { missingEntryMessage } from './entry-name-hint.js';
import { SockgradeError } from './errors.js';
import { gradeInGroups } from './grade-in-groups.js';
import { PeerSession, type GradingProgress } from './peer-session.js';
import { buildReport, verdictReport, type BuildReport, type GradingReport, type MissingResult } from './report.js';
import { waitForExit } from './sandbox/container-exit.js';
import { PeerChannel } from './sandbox/peer-channel.js';
import { POD_HOSTNAME, SandboxPod, newRunId, type PreparedPeer } from './sandbox/sandbox-pod.js';
import type { WarmPodPool } from './sandbox/warm-pod-pool.js';
import { packSubmission } from './sandbox/submission-archive.js';
import type { SubmissionFiles, SubmissionProblem } from './submission-files.js';

/**
 * The outer watchdog's slack beyond the assignment's own run limit: container start and
 * teardown. The peer enforces per-test deadlines; this catches everything else.
 */
const WATCHDOG_OVERHEAD_MS = 20_000;
const PEER_DRAIN_MS = 2_000;
/**
 * The peer stops a server as its last step and says `done` at once; the server's exit,
 * with its output, reaches the session a moment later (a SIGKILL and Docker's wait).
 * Without this wait a server that was still running had no output in the report.
 */
const STUDENT_EXIT_WAIT_MS = 2_000;

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
  /** Pods booted ahead of time; without one (or when it has none ready) the run makes its own. */
  pool?: WarmPodPool;
}

/** Graded cancelled from outside (job cancelled, process shutting down): no verdict. */
export class RunAbortedError extends SockgradeError {
  constructor(options?: { cause?: unknown }) {
    super('RUN_ABORTED', 'The grading run was cancelled before it finished.', options);
  }
}

/**
 * Grades one submission and returns the report. Always returns a verdict for anything
 * the student did; throws only for our own faults (Docker down, image missing) or when
 * cancelled through `signal`. Tests of different visibility (a teacher's hidden tests)
 * run in pods of their own, one after the other (`grade-in-groups.ts`); without hidden
 * tests, one pod grades all.
 */
export function gradeSubmission(opts: GradeOptions): Promise<GradingReport> {
  return gradeInGroups(opts, gradeInPod);
}

/** Grades every test of `opts.assignment` against one run of the program in one fresh (or warm) pod. */
async function gradeInPod(opts: GradeOptions): Promise<GradingReport> {
  const { assignment, files } = opts;
  const log = opts.log ?? (() => {});
  const started = Date.now();
  if ('problem' in files) return verdictReport(assignment, 'failed', files.problem, 0);
  if (!files.has(assignment.entry)) {
    return verdictReport(assignment, 'failed', missingEntryMessage(assignment, [...files.keys()]), 0);
  }

  const { build } = assignment.runtime;
  const watchdog = new AbortController();
  // A compile step has its own time limit, on top of the program's.
  const watchdogMs = assignment.limits.runMs + WATCHDOG_OVERHEAD_MS + (build?.timeoutMs ?? 0);
  const watchdogTimer = setTimeout(() => watchdog.abort(new Error(`run limit of ${watchdogMs} ms`)), watchdogMs);
  const signal = AbortSignal.any([watchdog.signal, ...(opts.signal ? [opts.signal] : [])]);
  let pod: SandboxPod | undefined;
  let session: PeerSession | undefined;
  let built: BuildReport | undefined;
  try {
    const config: PeerConfigMessage = {
      type: 'config',
      config: {
        // The exercise sheet is for people; the peer gets everything else.
        assignment: { ...assignment, description: { en: '', de: '' } },
        seed: opts.seed ?? randomBytes(8).toString('hex'),
        podHostname: POD_HOSTNAME,
      },
    };
    const tar = await packSubmission(files, build ? { buildDir: BUILD_FOLDER } : {});
    const warm = opts.pool?.take(assignment.hostnames ?? [], opts.images.peer);
    let peer: PreparedPeer;
    let channel: PeerChannel;
    if (warm) {
      pod = warm.pod;
      pod.bindRun(signal, log);
      ({ peer, channel } = warm);
      session = new PeerSession(pod, assignment, opts.images.student, opts.progress ?? {}, log);
      const [, server] = await Promise.all([
        pod.putSubmission(tar),
        assignment.role === 'server' ? session.prepareServer() : Promise.resolve(null),
      ]);
      if (build) {
        built = await runBuildStep(pod, assignment, build, opts.images.student);
        if (built.status !== 'ok') return compileVerdict(assignment, built, started, [peer.stream, server]);
      }
      if (server) session.startPrepared(server);
    } else {
      pod = await SandboxPod.create({
        docker: opts.docker,
        runId: opts.runId ?? newRunId(),
        peerImage: opts.images.peer,
        hostnames: assignment.hostnames ?? [],
        signal,
        log,
      });
      session = new PeerSession(pod, assignment, opts.images.student, opts.progress ?? {}, log);
      channel = new PeerChannel();
      // Start-up in parallel where Docker allows it: containers can be created against the
      // holder's id before it runs; only their start needs the holder running.
      const booting = pod;
      const [, prepared, server] = await Promise.all([
        Promise.all([booting.startHolder(), booting.putSubmission(tar)]),
        booting.preparePeer([], channel.stdout, channel.stderr),
        assignment.role === 'server' ? session.prepareServer() : Promise.resolve(null),
      ]);
      peer = prepared;
      if (build) {
        built = await runBuildStep(pod, assignment, build, opts.images.student);
        if (built.status !== 'ok') return compileVerdict(assignment, built, started, [peer.stream, server]);
      }
      if (server) session.startPrepared(server);
      await peer.start();
    }
    const current = session;
    channel.log = log;
    channel.onLine = (line) => current.handleLine(line);
    session.connect(peer.stream);
    peer.stream.write(encodeMessage(config));
    const peerStderr = channel.stderr;
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
    await settledWithin(session.settle(), STUDENT_EXIT_WAIT_MS);
    const missing: MissingResult = session.isDone
      ? { status: 'error', feedback: 'The reference peer did not run this test. This is a grader fault, not yours.' }
      : peerCrashed(peerStderr.text(), log);
    const report = buildReport({
      assignment,
      results: session.results,
      missing,
      runs: session.runs,
      outputs: session.outputs(),
      durationMs: Date.now() - started,
      logCapBytes: assignment.resources.outputBytes,
    });
    return built ? { ...report, build: built } : report;
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
      outputs: session?.outputs() ?? new Map(),
      durationMs: Date.now() - started,
      logCapBytes: assignment.resources.outputBytes,
    });
  } finally {
    clearTimeout(watchdogTimer);
    await pod?.dispose();
    await session?.settle();
  }
}

/**
 * Every test failed, explained by the compiler's messages; the build's report beside them.
 * The peer's and the server's attach streams are let go: those containers never run.
 */
function compileVerdict(
  assignment: AssignmentDefinition,
  built: BuildReport,
  started: number,
  unused: ReadonlyArray<{ destroy(): unknown } | { discard(): void } | null>,
): GradingReport {
  for (const part of unused) {
    if (part && 'discard' in part) part.discard();
    else part?.destroy();
  }
  const feedback = buildFailedFeedback(assignment, built, assignment.runtime.build!);
  const status = built.status === 'timeout' ? 'timeout' : 'failed';
  return { ...verdictReport(assignment, status, feedback, Date.now() - started), build: built };
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

/** Waits for `work`, at most `ms`; the timer does not outlive it (the CLI exits at once). */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

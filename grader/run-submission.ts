import { randomBytes } from 'node:crypto';
import type { PeerConfigMessage } from '../checks/peer/protocol.js';
import { BUILD_FOLDER } from '../checks/runtimes.js';
import type { AssignmentDefinition } from '../checks/types.js';
import { buildFailedFeedback } from './build-step.js';
import { missingEntryMessage } from './entry-name-hint.js';
import { SockgradeError } from './errors.js';
import { gradeInGroups } from './grade-in-groups.js';
import type { GradingProgress, PeerSession } from './peer-session.js';
import { buildReport, verdictReport, type BuildReport, type GradingReport, type MissingResult } from './report.js';
import { acquirePod, type PodHold } from './run/acquire-pod.js';
import { drivePeer, type PeerOutcome } from './run/drive-peer.js';
import { returnPod } from './run/return-pod.js';
import { RunWatchdog } from './run/run-watchdog.js';
import type { ContainerClient } from './sandbox/container-client.js';
import { POD_HOSTNAME } from './sandbox/sandbox-pod.js';
import { packSubmission } from './sandbox/submission-archive.js';
import type { PodLender } from './sandbox/pod-lender.js';
import type { SubmissionFiles, SubmissionProblem } from './submission-files.js';
import { RunClock } from './timings/index.js';

export interface GradeOptions {
  /** Docker (a `Dockerode` passes as it is). */
  docker: ContainerClient;
  assignment: AssignmentDefinition;
  files: SubmissionFiles | SubmissionProblem;
  images: { peer: string; student: string };
  signal?: AbortSignal;
  progress?: GradingProgress;
  log?: (line: string) => void;
  /** A run id that may repeat (a re-delivered job): what an earlier delivery left is swept first. */
  runId?: string;
  seed?: string;
  /**
   * Pods lent to runs: the worker's warm pool (booted ahead of time) or `sockgrade grade`'s
   * pods kept between processes. Without one (or when it has none ready) the run makes its own.
   */
  pool?: PodLender;
  /** A fresh pod's containers go under this cgroup (`SandboxPodOptions.cgroupParent`). @defaultValue Docker's own */
  cgroupParent?: string;
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

/**
 * Grades every test of `opts.assignment` against one run of the program in one pod:
 * acquire the pod (warm or fresh), drive the peer, then tear down and report, under a
 * watchdog. The report's `timings` say where the time and the machine's CPU went.
 */
async function gradeInPod(opts: GradeOptions): Promise<GradingReport> {
  const { assignment, files } = opts;
  const log = opts.log ?? (() => {});
  const clock = new RunClock();
  if ('problem' in files) return verdictReport(assignment, 'failed', files.problem, 0);
  if (!files.has(assignment.entry)) {
    return verdictReport(assignment, 'failed', missingEntryMessage(assignment, [...files.keys()]), 0);
  }
  const { build } = assignment.runtime;
  // A compile step (C, Java) has its own time limit, on top of the program's.
  const watchdog = new RunWatchdog(assignment.limits.runMs + (build?.timeoutMs ?? 0), opts.signal);
  let hold: PodHold | undefined;
  let configSent = false;
  let built: BuildReport | undefined;
  let peerStderr: { text(): string } | undefined;
  let session: PeerSession | undefined;
  let outcome: PeerOutcome | 'watchdog' = 'watchdog';
  try {
    const acquired = await acquirePod(
      {
        client: opts.docker,
        assignment,
        images: opts.images,
        submissionTar: await packSubmission(files, { readyMarker: true, ...(build ? { buildDir: BUILD_FOLDER } : {}) }),
        ...(opts.pool ? { pool: opts.pool } : {}),
        ...(opts.runId !== undefined ? { runId: opts.runId } : {}),
        ...(opts.cgroupParent ? { cgroupParent: opts.cgroupParent } : {}),
        signal: watchdog.signal,
        progress: timedProgress(clock, assignment, opts.progress ?? {}),
        log,
      },
      (acquiredHold) => (hold = acquiredHold),
    );
    session = acquired.session;
    peerStderr = acquired.channel.stderr;
    built = acquired.built;
    clock.mark('podReady');
    const served = acquired.warm?.peerRuns;
    log(`pod ready (${acquired.reused ? `reused${served !== undefined ? `, run ${served + 1} of its peer` : ''}` : 'fresh'})`);
    if (built && built.status !== 'ok') {
      return compileVerdict(assignment, built, clock);
    }
    configSent = true;
    outcome = await drivePeer({ peer: acquired.pod.peer, channel: acquired.channel, session, config: peerConfig(opts), signal: watchdog.signal });
    clock.mark('testsDone');
  } catch (error) {
    if (opts.signal?.aborted) throw new RunAbortedError({ cause: error });
    if (!watchdog.fired) throw error;
  } finally {
    watchdog.dispose();
    if (hold) {
      const finishedCleanly = outcome === 'done' && !watchdog.fired && !opts.signal?.aborted;
      // Waits for the session's last Docker calls too (a session exists only with a hold).
      await returnPod({ ...hold, ...(opts.pool ? { pool: opts.pool } : {}), ...(session ? { session } : {}), end: { configSent, finishedCleanly }, log });
    }
    clock.mark('teardownDone');
  }
  const report = buildReport({
    assignment,
    results: session?.results ?? new Map(),
    missing: missingResult(outcome, watchdog, peerStderr?.text() ?? '', log),
    runs: session?.runsForReport() ?? [],
    outputs: session?.outputs() ?? new Map(),
    durationMs: Date.now() - Date.parse(clock.timings().startedAt),
    logCapBytes: assignment.resources.outputBytes,
  });
  return { ...report, ...(built ? { build: built } : {}), timings: clock.timings() };
}

/** Every test failed, explained by the compiler's messages; the build's report beside them (issue #14). */
function compileVerdict(assignment: AssignmentDefinition, built: BuildReport, clock: RunClock): GradingReport {
  const feedback = buildFailedFeedback(assignment, built, assignment.runtime.build!);
  const status = built.status === 'timeout' ? 'timeout' : 'failed';
  const durationMs = Date.now() - Date.parse(clock.timings().startedAt);
  return { ...verdictReport(assignment, status, feedback, durationMs), build: built, timings: clock.timings() };
}

function peerConfig(opts: GradeOptions): PeerConfigMessage {
  return {
    type: 'config',
    config: {
      // The exercise sheet is for people; the peer gets everything else.
      assignment: { ...opts.assignment, description: { en: '', de: '' } },
      seed: opts.seed ?? randomBytes(8).toString('hex'),
      podHostname: POD_HOSTNAME,
    },
  };
}

/** The run's marks from the session's events, passed on to the caller's progress. */
function timedProgress(clock: RunClock, assignment: AssignmentDefinition, progress: GradingProgress): GradingProgress {
  return {
    onStudentStarted(runId) {
      clock.mark('studentStarted');
      progress.onStudentStarted?.(runId);
    },
    onTestStarted(testId) {
      // A server's first test begins once its socket was found (or the search gave up).
      if (assignment.role === 'server') clock.mark('portFound');
      clock.testStarted(testId);
      progress.onTestStarted?.(testId);
    },
    onTestResult(result) {
      clock.testEnded(result.testId);
      progress.onTestResult?.(result);
    },
  };
}

/** What a test that never reported gets, by how the run ended. */
function missingResult(outcome: PeerOutcome | 'watchdog', watchdog: RunWatchdog, peerStderr: string, log: (line: string) => void): MissingResult {
  if (outcome === 'done') {
    return { status: 'error', feedback: 'The reference peer did not run this test. This is a grader fault, not yours.' };
  }
  if (outcome === 'watchdog') {
    return {
      status: 'timeout',
      feedback: `The whole grading run took longer than its limit of ${Math.round(watchdog.limitMs / 1000)} s, so this test did not finish. Does your program stop answering or never exit?`,
    };
  }
  log(`reference peer stopped without finishing; its stderr:\n${peerStderr}`);
  return {
    status: 'error',
    feedback: 'The grader’s reference peer stopped unexpectedly before this test ran. This is our fault, not yours: please tell your teacher.',
  };
}

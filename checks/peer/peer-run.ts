import type { TranscriptRecorder } from '../lib/transcript.js';
import { type CheckContextBase, mergeParams } from '../suite.js';
import type { PeerConfig } from './protocol.js';
import type { AssignmentDefinition, AssignmentLimits, TestDefinition, TestOutcome } from '../types.js';
import type { StudentControl } from './student-control.js';
import type { PeerTransport } from './transport.js';

/** Time the grader may take to start a container and answer `start-student`. */
export const START_WAIT_MS = 30_000;

/** Everything one grading run of the peer shares. */
export interface PeerRun {
  config: PeerConfig;
  assignment: AssignmentDefinition;
  limits: AssignmentLimits;
  transport: PeerTransport;
  control: StudentControl;
  /** Aborts at the run's deadline (`limits.runMs`) or when the grader goes away. */
  runSignal: AbortSignal;
  log: (line: string) => void;
  /** Ids of tests already reported, so none is reported twice or left out. */
  reported: Set<string>;
}

/** The part of every check's context that comes from the run, whatever the suite's kind. */
export function baseContext(run: PeerRun, test: TestDefinition, signal: AbortSignal, transcript: TranscriptRecorder): CheckContextBase {
  return {
    test,
    params: mergeParams(run.assignment, test),
    signal,
    transcript,
    limits: run.limits,
    assignment: run.assignment,
    seed: run.config.seed,
    log: run.log,
  };
}

/** Reports a test without running a check (the server never started, it is gone…). */
export function reportOutcome(run: PeerRun, test: TestDefinition, outcome: TestOutcome): void {
  if (run.reported.has(test.id)) return;
  run.reported.add(test.id);
  run.transport.send({ type: 'test-started', testId: test.id });
  run.transport.send({
    type: 'test-result',
    testId: test.id,
    status: outcome.status,
    feedback: outcome.feedback,
    ...(outcome.fraction !== undefined ? { fraction: outcome.fraction } : {}),
    transcript: outcome.transcript,
    durationMs: 0,
  });
}

/** Reports every test not reported yet with the same outcome. */
export function reportRemaining(run: PeerRun, outcome: TestOutcome): void {
  for (const test of run.assignment.tests) reportOutcome(run, test, outcome);
}

import { setMaxListeners } from 'node:events';
import { linkSignals } from '../lib/any-signal.js';
import { parseComparison } from '../lib/comparison.js';
import { createDeadline, formatDuration } from '../lib/deadline.js';
import { CodedError, PhaseTimeoutError } from '../lib/errors.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import { clampFraction } from '../score.js';
import type { TestDefinition, TestOutcome, TestStatus, TranscriptEntry } from '../types.js';
import type { TestResultMessage } from './protocol.js';
import type { PeerTransport } from './transport.js';

export interface RunTestOptions<C> {
  test: TestDefinition;
  deadlineMs: number;
  transport: PeerTransport;
  /** The whole run's signal: its deadline, and the grader going away. */
  runSignal: AbortSignal;
  log: (line: string) => void;
  makeContext: (signal: AbortSignal, transcript: TranscriptRecorder) => C;
  /** Appended to the feedback of a test that did not pass (e.g. which wire faults were on). */
  failureNote?: string | null;
  /** Appended to the feedback of every test (e.g. which of several sockets we graded). */
  note?: string | null;
  check: ((ctx: C) => Promise<TestOutcome>) | undefined;
}

const STATUSES: ReadonlySet<string> = new Set(['passed', 'failed', 'error', 'timeout']);

/**
 * Listeners a test's signal may carry before Node warns (`MaxListenersExceededWarning`,
 * default 10): every pending read of every connection of a test listens on it, and a chat
 * test reads on up to 30 clients at once. A leak still shows, just later.
 */
const TEST_SIGNAL_LISTENERS = 160;

/**
 * Runs one check under its own deadline and reports it. A check that throws is our fault
 * (`error`); a check still busy at the deadline becomes `timeout` with the transcript so far.
 */
export async function runTest<C>(options: RunTestOptions<C>): Promise<TestResultMessage> {
  const { test, transport, log } = options;
  transport.send({ type: 'test-started', testId: test.id });
  const startedAt = Date.now();
  const transcript = new TranscriptRecorder();
  const deadline = createDeadline(options.deadlineMs, 'test', `this test did not finish within ${formatDuration(options.deadlineMs)}`);
  const linked = linkSignals([options.runSignal, deadline.signal]);
  setMaxListeners(TEST_SIGNAL_LISTENERS, linked.signal);
  let outcome: TestOutcome;
  try {
    outcome = await raceDeadline(options, linked.signal, transcript);
  } finally {
    linked.dispose();
    deadline.dispose();
  }
  const message: TestResultMessage = {
    type: 'test-result',
    testId: test.id,
    status: outcome.status,
    feedback: [outcome.feedback, outcome.status !== 'passed' ? options.failureNote : null, options.note].filter((part) => part).join('\n\n'),
    ...(outcome.fraction !== undefined ? { fraction: clampFraction(outcome.fraction) } : {}),
    transcript: outcome.transcript,
    durationMs: Date.now() - startedAt,
    ...(outcome.compare ? { compare: outcome.compare } : {}),
  };
  log(`test ${test.id}: ${message.status} in ${message.durationMs} ms`);
  transport.send(message);
  return message;
}

async function raceDeadline<C>(options: RunTestOptions<C>, signal: AbortSignal, transcript: TranscriptRecorder): Promise<TestOutcome> {
  const { check, test, log } = options;
  if (!check) return ourFault(`there is no check named \`${String(test.params?.check ?? test.id)}\` for this test`, transcript.entries());
  let onAbort: (() => void) | null = null;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = Promise.resolve().then(() => check(options.makeContext(signal, transcript)));
  // The check may still settle after we gave up on it; its late error is only logged.
  running.catch((error: unknown) => {
    if (signal.aborted) log(`test ${test.id}: check ended after its deadline: ${describe(error)}`);
  });
  try {
    const first = await Promise.race([running, aborted]);
    if (first === 'aborted') return abortedOutcome(signal, transcript);
    return validate(first, transcript) ?? ourFault('the check returned no valid result', transcript.entries());
  } catch (error) {
    if (signal.aborted) return abortedOutcome(signal, transcript);
    log(`test ${test.id}: check threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return ourFault(describe(error), transcript.entries());
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

export function abortedOutcome(signal: AbortSignal, transcript: Pick<TranscriptRecorder, 'entries'>): TestOutcome {
  const reason: unknown = signal.reason;
  if (reason instanceof PhaseTimeoutError && reason.phase === 'test') {
    return {
      status: 'timeout',
      feedback: `This test has to finish within ${formatDuration(reason.ms)}, and it did not: your program was too slow or stopped answering. The transcript shows what happened until then.`,
      transcript: transcript.entries(),
    };
  }
  if (reason instanceof PhaseTimeoutError && reason.phase === 'run') {
    return {
      status: 'timeout',
      feedback: `The whole grading run has a time limit of ${formatDuration(reason.ms)}, and it ran out during this test.`,
      transcript: transcript.entries(),
    };
  }
  return ourFault(`the test was cancelled (${describe(reason)})`, transcript.entries());
}

/** Our own fault: the student is told so and that their score for this test may be wrong. */
export function ourFault(detail: string, transcript: TranscriptEntry[] = []): TestOutcome {
  return {
    status: 'error',
    feedback: `Something went wrong on our side while running this test (${detail}). This is not your fault; please tell your teacher.`,
    transcript,
  };
}

function validate(value: unknown, transcript: TranscriptRecorder): TestOutcome | null {
  if (!value || typeof value !== 'object') return null;
  const outcome = value as Partial<TestOutcome>;
  if (typeof outcome.status !== 'string' || !STATUSES.has(outcome.status) || typeof outcome.feedback !== 'string') return null;
  const compare = outcome.compare === undefined ? null : parseComparison(outcome.compare);
  return {
    status: outcome.status as TestStatus,
    feedback: outcome.feedback,
    ...(typeof outcome.fraction === 'number' ? { fraction: outcome.fraction } : {}),
    transcript: Array.isArray(outcome.transcript) ? outcome.transcript : transcript.entries(),
    ...(compare ? { compare } : {}),
  };
}

function describe(error: unknown): string {
  if (error instanceof CodedError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

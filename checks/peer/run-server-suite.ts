import { describeExit } from '../lib/exit-report.js';
import { describeWireFaults, wireFaultsParam } from '../lib/wire-faults.js';
import type { StudentRunResult } from './protocol.js';
import { checkKeyOf, mergeParams, type ServerCheckContext, type ServerSuite } from '../suite.js';
import type { TestOutcome } from '../types.js';
import { baseContext, type PeerRun, reportOutcome, reportRemaining } from './peer-run.js';
import { runTest } from './run-test.js';
import { type DiscoveryDeps, startServer } from './server-startup.js';

const SERVER_RUN_ID = 'server';

/** Starts the student's server once, finds its socket, then runs every test against it in order. */
export async function runServerSuite(run: PeerRun, suite: ServerSuite, deps: DiscoveryDeps): Promise<void> {
  const { assignment, limits } = run;
  const student = run.control.start(SERVER_RUN_ID);
  try {
    const startup = await startServer(run, student, suite.transport, deps, suite.probeFor?.(assignment) ?? suite.probe);
    if (startup.kind === 'failed') {
      reportRemaining(run, startup.outcome);
      return;
    }
    let current: string | null = null;
    let lastDone: string | null = null;
    let exitedWhen = 'before the first test';
    student.exited.addEventListener(
      'abort',
      () => {
        exitedWhen = current ? `during test \`${current}\`` : lastDone ? `after test \`${lastDone}\`` : 'before the first test';
      },
      { once: true },
    );
    for (const test of assignment.tests) {
      const exit = student.lastExit();
      if (exit) {
        reportOutcome(run, test, noLongerRunning(run, exit, exitedWhen));
        continue;
      }
      current = test.id;
      run.reported.add(test.id);
      await runTest<ServerCheckContext>({
        test,
        deadlineMs: limits.testMs,
        transport: run.transport,
        runSignal: run.runSignal,
        log: run.log,
        check: suite.checks[checkKeyOf(test)],
        failureNote: suite.transport === 'tcp' ? describeWireFaults(wireFaultsParam(mergeParams(assignment, test))) : null,
        note: startup.note,
        makeContext: (signal, transcript) => ({
          ...baseContext(run, test, signal, transcript),
          target: startup.target,
          student,
        }),
      });
      current = null;
      lastDone = test.id;
    }
  } finally {
    run.control.stop(SERVER_RUN_ID);
  }
}

function noLongerRunning(run: PeerRun, exit: StudentRunResult, when: string): TestOutcome {
  const how = describeExit(exit, {
    what: 'server',
    when,
    entry: run.assignment.entry,
    memoryBytes: run.assignment.resources.memoryBytes,
    pids: run.assignment.resources.pids,
  });
  return {
    status: 'failed',
    feedback: `Your server is no longer running, so we could not run this test. ${how}\n\nA server should keep serving: one client after the other, until it is stopped.`,
    transcript: [],
  };
}

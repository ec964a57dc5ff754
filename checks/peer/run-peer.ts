import { linkSignals } from '../lib/any-signal.js';
import { createDeadline, formatDuration } from '../lib/deadline.js';
import { DEFAULT_LIMITS, DEFAULT_RESOURCES } from '../lib/defaults.js';
import { DnsResponder } from '../lib/dns-responder.js';
import type { CheckSuite } from '../suite.js';
import type { AssignmentDefinition } from '../types.js';
import { type PeerRun, reportRemaining } from './peer-run.js';
import type { PeerConfig } from './protocol.js';
import { runClientSuite } from './run-client-suite.js';
import { runServerSuite } from './run-server-suite.js';
import { ourFault } from './run-test.js';
import type { DiscoveryDeps } from './server-startup.js';
import { StudentControl } from './student-control.js';
import type { PeerTransport } from './transport.js';

export interface PeerRuntime {
  transport: PeerTransport;
  /** Suites by id; `checks/index.ts` has the real registry. */
  suites: Readonly<Record<string, CheckSuite>>;
  /** Diagnostics; in the container this is stderr. @defaultValue no logging */
  log?: (line: string) => void;
  discovery?: DiscoveryDeps;
}

/**
 * One grading run of the reference peer: drives the student's program through the
 * grader, runs every test of the assignment, reports each, and always ends with `done`.
 */
export async function runPeer(config: PeerConfig, runtime: PeerRuntime): Promise<void> {
  const log = runtime.log ?? (() => {});
  const { transport } = runtime;
  const assignment = normalizeAssignment(config.assignment);
  if (!assignment) {
    log('peer config has no usable assignment');
    transport.send({ type: 'log', message: 'peer config has no usable assignment' });
    transport.send({ type: 'done' });
    return;
  }
  const limits = { ...DEFAULT_LIMITS, ...assignment.limits };
  const runDeadline = createDeadline(limits.runMs, 'run', `the grading run did not finish within ${formatDuration(limits.runMs)}`);
  const runLink = linkSignals([runDeadline.signal, transport.closed]);
  const control = new StudentControl(transport, log);
  transport.onMessage((message) => control.handle(message));
  const run: PeerRun = { config, assignment, limits, transport, control, runSignal: runLink.signal, log, reported: new Set() };
  const dns = assignment.answerAllDnsNames ? await startDns(log) : null;
  try {
    const suite = runtime.suites[assignment.suite];
    if (!suite) {
      reportRemaining(run, ourFault(`the assignment names the check suite \`${assignment.suite}\`, which does not exist`));
    } else if (suite.role !== assignment.role) {
      reportRemaining(run, ourFault(`the check suite \`${suite.id}\` grades ${suite.role}s, but the assignment is a ${assignment.role}`));
    } else if (suite.role === 'server') {
      await runServerSuite(run, suite, runtime.discovery ?? {});
    } else {
      await runClientSuite(run, suite);
    }
  } catch (error) {
    log(`peer run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    reportRemaining(run, ourFault(`the reference peer failed: ${error instanceof Error ? error.message : String(error)}`));
  } finally {
    // Tests that a crash skipped still get a result, so the grader never waits for them.
    reportRemaining(run, ourFault('the test was not run'));
    if (dns) {
      log(`names looked up in the pod: ${dns.queries.join(', ') || 'none'}`);
      await dns.close();
    }
    runLink.dispose();
    runDeadline.dispose();
    transport.send({ type: 'done' });
  }
}

/** The pod's resolv.conf names 127.0.0.1: from now on every lookup gets 127.0.0.1. */
async function startDns(log: (line: string) => void): Promise<DnsResponder | null> {
  try {
    return await DnsResponder.start({ host: '127.0.0.1', port: 53 });
  } catch (error) {
    // Port 53 taken (a student's server got there first): names then fail to resolve, as without.
    log(`could not start the DNS responder: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The grader validated the config; still, a peer must not crash on a hand-written one. */
function normalizeAssignment(raw: unknown): AssignmentDefinition | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as AssignmentDefinition;
  if (typeof a.suite !== 'string' || !Array.isArray(a.tests) || (a.role !== 'server' && a.role !== 'client')) return null;
  if (!a.tests.every((t) => t && typeof t.id === 'string')) return null;
  return {
    ...a,
    limits: { ...DEFAULT_LIMITS, ...(a.limits ?? {}) },
    resources: { ...DEFAULT_RESOURCES, ...(a.resources ?? {}) },
  };
}

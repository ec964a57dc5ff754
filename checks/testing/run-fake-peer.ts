/** Runs a whole reference peer in-process against a fake grader, for unit tests. */
import { suites } from '../index.js';
import type { DiscoveryDeps } from '../peer/server-startup.js';
import { runPeer } from '../peer/run-peer.js';
import { scoreResults, type Score } from '../score.js';
import type { AssignmentDefinition, AssignmentLimits } from '../types.js';
import type { CheckSuite } from '../suite.js';
import { FakeGrader, type StartHandler } from './fake-grader.js';
import { fakeProcReader } from './fake-proc-net.js';
import type { FakeServer } from './fake-servers.js';

export interface FakePeerRun {
  grader: FakeGrader;
  score: Score;
  statuses: string[];
  feedback: Record<string, string>;
  logs: string[];
}

/** Quick timings for unit tests; the checks' logic is the same as with the real ones. */
export function fastAssignment(assignment: AssignmentDefinition, limits: Partial<AssignmentLimits> = {}, params: Record<string, unknown> = {}): AssignmentDefinition {
  return {
    ...structuredClone(assignment),
    params: { ...(assignment.params ?? {}), replyMs: 200, graceMs: 30, exitReportMs: 100, ...params },
    limits: { ...assignment.limits, startupMs: 1000, testMs: 3000, clientRunMs: 1500, runMs: 60_000, ...limits },
  };
}

/** The seed of a fake peer run unless the test names one. */
export const DEFAULT_SEED = 'test-seed';

export interface FakePeerOptions {
  discovery?: DiscoveryDeps;
  /** @defaultValue the registry of all families */
  suites?: Readonly<Record<string, CheckSuite>>;
  /** The run's seed: what a suite draws at random (the abp channel's losses) follows from it. @defaultValue {@link DEFAULT_SEED} */
  seed?: string;
}

export async function runFakePeer(assignment: AssignmentDefinition, onStart: StartHandler, options: FakePeerOptions = {}): Promise<FakePeerRun> {
  const grader = new FakeGrader(onStart);
  const logs: string[] = [];
  try {
    await runPeer(
      { assignment, seed: options.seed ?? DEFAULT_SEED, podHostname: 'sandbox' },
      { transport: grader, suites: options.suites ?? suites, log: (line) => logs.push(line), discovery: { pollMs: 10, ...options.discovery } },
    );
  } finally {
    grader.stopAll();
  }
  const results = grader.results();
  return {
    grader,
    score: scoreResults(assignment, results),
    statuses: results.map((r) => r.status),
    feedback: Object.fromEntries(results.map((r) => [r.testId, r.feedback])),
    logs,
  };
}

/** Runs a server assignment against a fake server; its socket appears in a fake /proc/net while it lives. */
export async function runFakeServerPeer(assignment: AssignmentDefinition, startServer: () => Promise<FakeServer>): Promise<FakePeerRun> {
  let live: FakeServer | null = null;
  const readFile = fakeProcReader(() => {
    if (!live) return {};
    const socket = { address: live.address, port: live.port, state: assignment.transport === 'tcp' ? 0x0a : 0x07 };
    return assignment.transport === 'tcp' ? { tcp: [socket] } : { udp: [socket] };
  });
  return runFakePeer(
    assignment,
    async () => {
      const server = await startServer();
      live = server;
      void server.exited.then(() => {
        if (live === server) live = null;
      });
      return server;
    },
    { discovery: { readFile } },
  );
}

import type { CheckSuite } from '../suite.js';
import type { GraderMessage, PeerConfig } from './protocol.js';
import { runPeer } from './run-peer.js';
import type { PeerTransport } from './transport.js';

export interface ServeRunsOptions {
  transport: PeerTransport;
  loadSuites: (suiteId: string | undefined) => Promise<Readonly<Record<string, CheckSuite>>>;
  /** Null when the peer is as clean as a fresh one, else why not (`findLeftovers`). */
  findLeftovers: () => Promise<string | null>;
  log: (line: string) => void;
  /** How long an idle peer waits for its next config (a `reset` may ask for less). */
  idleWaitMs: number;
  /**
   * How long after `done` the peer waits for the grader's `reset`. A grader removes the
   * run's containers and asks within seconds; one that never asks is gone (a `sockgrade
   * grade` killed mid-run), and a kept pod must then retire itself soon, not idle on.
   */
  resetWaitMs: number;
  /**
   * After this many runs the peer retires whatever the check says, so no slow leak
   * (memory, module state) builds up without limit. The grader's pool has its own, lower, limit.
   */
  maxRuns: number;
}

/** How the peer's life ended; the exit code of the process. */
export type ServeRunsEnd = 'retired' | 'idle' | 'no-config';

/**
 * The peer's life in a pod kept between runs (issue #11): wait for a config, grade that
 * run, say `done`; then wait for the grader's `reset` (sent once the run's containers are
 * gone), check that nothing of the run is left and answer `reset-done`. Clean: wait for
 * the next config. Not clean, too many runs, the grader gone or idle too long: end, and
 * the grader removes the pod. A peer never grades a second run without a clean reset.
 */
export async function serveRuns(options: ServeRunsOptions): Promise<ServeRunsEnd> {
  const { transport, log } = options;
  let idleWaitMs = options.idleWaitMs;
  for (let runs = 0; ; ) {
    const config = await nextMessage(transport, 'config', idleWaitMs);
    if (!config) {
      if (runs === 0) {
        log('no config from the grader');
        transport.send({ type: 'log', message: 'the reference peer got no usable config' });
        transport.send({ type: 'done' });
        return 'no-config';
      }
      return 'idle';
    }
    runs += 1;
    const peerConfig: PeerConfig = config.config;
    log(`run ${runs}: grading ${peerConfig.assignment?.id ?? '?'} with suite ${peerConfig.assignment?.suite ?? '?'}`);
    await runPeer(peerConfig, { transport, suites: await options.loadSuites(peerConfig.assignment?.suite), log });
    await transport.flush();
    const reset = await nextMessage(transport, 'reset', options.resetWaitMs);
    if (!reset) return 'idle';
    idleWaitMs = Math.min(options.idleWaitMs, reset.idleExitMs ?? Infinity);
    const problem = runs >= options.maxRuns ? `served ${runs} runs, the most a peer serves` : await options.findLeftovers();
    transport.send(problem === null ? { type: 'reset-done', clean: true, runs } : { type: 'reset-done', clean: false, reason: problem, runs });
    await transport.flush();
    if (problem !== null) {
      log(`retiring: ${problem}`);
      return 'retired';
    }
  }
}

type MessageOf<T extends GraderMessage['type']> = Extract<GraderMessage, { type: T }>;

/**
 * The next message of `type` from the grader; others are dropped (a student-exited line
 * of the run just ended, written while the grader removed its containers). Null when the
 * grader closed the stream or nothing came within `waitMs`.
 */
function nextMessage<T extends GraderMessage['type']>(transport: PeerTransport, type: T, waitMs: number): Promise<MessageOf<T> | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), waitMs);
    const onClosed = () => finish(null);
    if (transport.closed.aborted) return finish(null);
    transport.closed.addEventListener('abort', onClosed, { once: true });
    transport.onMessage((message) => {
      if (message.type === type) finish(message as MessageOf<T>);
    });
    function finish(message: MessageOf<T> | null) {
      clearTimeout(timer);
      transport.closed.removeEventListener('abort', onClosed);
      transport.onMessage(() => {});
      resolve(message);
    }
  });
}

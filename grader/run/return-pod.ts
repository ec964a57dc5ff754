import { encodeMessage, parsePeerMessage } from '../../checks/peer/protocol.js';
import type { PeerSession } from '../peer-session.js';
import type { PodPeer, SandboxPod } from '../sandbox/sandbox-pod.js';
import type { PodLender } from '../sandbox/pod-lender.js';
import type { WarmPod } from '../sandbox/warm-pod.js';

/** A clean peer answers in milliseconds; one that does not within this is not used again. */
const RESET_ANSWER_MS = 3_000;

/** How a run ended, as far as its pod's next use goes. */
export interface RunEnd {
  /** The peer got the run's config (a compile error ends a run before it does). */
  configSent: boolean;
  /** The peer said `done` and the run was neither cancelled nor stopped by the watchdog. */
  finishedCleanly: boolean;
}

/**
 * Ends a run's use of its pod (issue #11). A lent pod (the worker's warm pool, or
 * `sockgrade grade`'s kept pods) whose run finished cleanly goes back for the next run, after (1) every container and the
 * volume of the run are removed, so the student's processes are gone, (2) the session
 * has delivered its last messages and lets go of the peer's stdin, and (3) the peer,
 * asked to `reset`, reports that nothing of the run is left (`checks/peer/clean-state.ts`).
 * Anything else — a fresh pod, a run cut short, a container that would not go, a peer that
 * is not clean or does not answer — removes the pod. Never throws.
 */
export async function returnPod(opts: {
  pod: SandboxPod;
  warm?: WarmPod;
  pool?: PodLender;
  session?: PeerSession;
  end: RunEnd;
  log: (line: string) => void;
}): Promise<void> {
  const { pod, warm, pool, session, log } = opts;
  if (!warm || !pool) {
    await pod.dispose();
    await session?.settle();
    return;
  }
  const runEnded = await pod.endRun();
  await session?.settle();
  session?.detach();
  let verdict: string | null;
  if (!runEnded) verdict = 'a container or the volume of the run could not be removed';
  else if (opts.end.configSent && !opts.end.finishedCleanly) verdict = 'the run did not finish cleanly';
  // A peer that never got the run's config is as it was: nothing to reset.
  else verdict = opts.end.configSent ? await resetPeer(pod.peer, warm, pool.idleExitMs) : null;
  if (verdict === null) {
    await pool.giveBack(warm);
    return;
  }
  log(`not reusing the pod: ${verdict}`);
  await pod.dispose();
  pool.discard(warm);
}

/**
 * Asks the peer to check itself; null when it reports clean, else why not. The runs it
 * says it served go to `warm.peerRuns`; `idleExitMs` is how long it then waits for a run.
 */
function resetPeer(peer: PodPeer, warm: WarmPod, idleExitMs: number | undefined): Promise<string | null> {
  const { channel } = warm;
  if (peer.stream.destroyed || peer.stream.writableEnded) return Promise.resolve('the peer’s stdin is closed');
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(`the peer did not answer the reset within ${RESET_ANSWER_MS} ms`), RESET_ANSWER_MS);
    const onClose = () => finish('the peer stopped');
    peer.stream.once('close', onClose);
    channel.onLine = (line) => {
      const message = parsePeerMessage(line);
      // Anything else now (a late log line of the run) is not an answer.
      if (message?.type !== 'reset-done') return;
      if (message.runs !== undefined) warm.peerRuns = message.runs;
      finish(message.clean ? null : `the peer is not clean: ${message.reason ?? 'no reason given'}`);
    };
    peer.stream.write(encodeMessage({ type: 'reset', ...(idleExitMs !== undefined ? { idleExitMs } : {}) }));
    function finish(verdict: string | null) {
      clearTimeout(timer);
      peer.stream.off('close', onClose);
      channel.onLine = () => {};
      resolve(verdict);
    }
  });
}

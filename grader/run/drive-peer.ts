import { encodeMessage, type PeerConfigMessage } from '../../checks/peer/protocol.js';
import type { PeerSession } from '../peer-session.js';
import { waitForExit } from '../sandbox/container-exit.js';
import type { PeerChannel } from '../sandbox/peer-channel.js';
import type { PodPeer } from '../sandbox/sandbox-pod.js';

/** Lines the peer printed just before exiting may arrive after Docker reports the exit. */
const PEER_DRAIN_MS = 2_000;
/**
 * The peer stops a server as its last step and says `done` at once; the server's exit,
 * with its output, reaches the session a moment later (a SIGKILL and Docker's wait).
 * Without this wait a server that was still running had no output in the report.
 */
const STUDENT_EXIT_WAIT_MS = 2_000;

/** How the peer's part of the run ended: `done` (every test reported) or `exited` without it. */
export type PeerOutcome = 'done' | 'exited';

/**
 * Sends the peer its config and serves its requests through `session` until it says
 * `done` or its container exits; then waits (bounded) for the student's last exit so its
 * output is in the report. Throws the signal's reason when the run is cancelled.
 */
export async function drivePeer(opts: {
  peer: PodPeer;
  channel: PeerChannel;
  session: PeerSession;
  config: PeerConfigMessage;
  signal: AbortSignal;
}): Promise<PeerOutcome> {
  const { peer, channel, session, signal } = opts;
  channel.onLine = (line) => session.handleLine(line);
  session.connect(peer.stream);
  peer.stream.write(encodeMessage(opts.config));
  // Watching the peer ends with the run: a peer kept for the next run (issue #11) must
  // not be watched (a wait request and an inspect poll) for as long as it lives.
  const runEnded = new AbortController();
  try {
    const peerExited = waitForExit(peer.container, AbortSignal.any([signal, runEnded.signal])).then(
      () => 'exited' as const,
      () => 'aborted' as const,
    );
    const outcome = await Promise.race([session.finished.then(() => 'done' as const), peerExited]);
    if (outcome === 'exited' && !session.isDone) {
      await settledWithin(session.finished, PEER_DRAIN_MS);
    }
    if (outcome === 'aborted') throw signal.reason;
    await settledWithin(session.settle(), STUDENT_EXIT_WAIT_MS);
    return session.isDone ? 'done' : 'exited';
  } finally {
    runEnded.abort();
  }
}

/** Waits for `work`, at most `ms`; the timer does not outlive it (the CLI exits at once). */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

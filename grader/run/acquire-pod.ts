import type { AssignmentDefinition } from '../../checks/types.js';
import { runBuildStep } from '../build-step.js';
import { PeerSession, type GradingProgress } from '../peer-session.js';
import type { BuildReport } from '../report.js';
import type { ContainerClient } from '../sandbox/container-client.js';
import { PeerChannel } from '../sandbox/peer-channel.js';
import { SandboxPod, newRunId } from '../sandbox/sandbox-pod.js';
import type { PodLender } from '../sandbox/pod-lender.js';
import type { WarmPod } from '../sandbox/warm-pod.js';

export interface AcquirePodOptions {
  client: ContainerClient;
  assignment: AssignmentDefinition;
  images: { peer: string; student: string };
  /** The submission as a tar (`packSubmission`). */
  submissionTar: Buffer;
  /** The worker's warm pool or `sockgrade grade`'s kept pods. */
  pool?: PodLender;
  /** A run id that may repeat (a re-delivered job): its leftovers are swept first. Else a fresh one. */
  runId?: string;
  signal: AbortSignal;
  cgroupParent?: string;
  progress: GradingProgress;
  log: (line: string) => void;
}

/** What the caller must end the run's use of (`returnPod`), even when acquiring failed half-way. */
export interface PodHold {
  pod: SandboxPod;
  /** The pod as lent to this run (or made to be given back); the run gives it back or discards it. */
  warm?: WarmPod;
}

/** A pod ready for the run: peer running with its output wired to `channel`, submission in, a server started. */
export interface AcquiredPod extends PodHold {
  channel: PeerChannel;
  session: PeerSession;
  /** A compiled language's build (issue #14); unless `ok`, the program was not started. */
  built?: BuildReport;
  /** The pod served an earlier run (a warm pool's or a kept one), rather than being made for this one. */
  reused: boolean;
}

/**
 * One path to a pod for both kinds: a warm one from the pool (its peer already waits for
 * a config, maybe after earlier runs) or a fresh one. Either way the run begins (its own
 * volume), the submission goes in and, for a server assignment, the student's server is
 * created and started while the rest boots: the peer always begins a server run by asking
 * for it with no arguments.
 *
 * On failure the pod is already handed to `onPod` so the caller's teardown removes it.
 */
export async function acquirePod(opts: AcquirePodOptions, onPod: (hold: PodHold) => void): Promise<AcquiredPod> {
  const { assignment } = opts;
  const hostnames = assignment.hostnames ?? [];
  const lent = await opts.pool?.take(hostnames, opts.images.peer, opts.signal);
  const runId = opts.runId ?? newRunId();
  let pod: SandboxPod;
  let channel: PeerChannel;
  let warm = lent;
  if (lent) {
    ({ pod, channel } = lent);
    onPod({ pod, warm: lent });
    pod.bindRun(opts.signal, opts.log);
    await pod.beginRun({ runId, sweep: opts.runId !== undefined });
  } else {
    channel = new PeerChannel();
    const keepable = opts.pool?.takesFreshPods === true;
    pod = await SandboxPod.create({
      client: opts.client,
      podId: runId,
      sweep: opts.runId !== undefined,
      peerImage: opts.images.peer,
      hostnames,
      peerStdout: channel.stdout,
      peerStderr: channel.stderr,
      signal: opts.signal,
      log: opts.log,
      keepable,
      ...(opts.cgroupParent ? { cgroupParent: opts.cgroupParent } : {}),
    });
    // Made to be given back after the run (kept pods), it ends like a lent one.
    warm = keepable ? { pod, channel, hostnames: [...hostnames].sort(), readyAt: Date.now() } : undefined;
    onPod({ pod, ...(warm ? { warm } : {}) });
    // The pod's own id: swept with the peer above.
    await pod.beginRun({ runId });
  }
  channel.log = opts.log;
  const session = new PeerSession(pod, assignment, opts.images.student, opts.progress, opts.log);
  // Docker allows creating a joining container before the namespace's owner runs; only
  // its start waits for the peer (`prepareStudent`'s start starts the peer first). Without
  // a compile step the server starts as soon as it is created, while its files are still
  // being copied in: its launcher waits for the archive's last entry (`READY_MARKER`).
  const { build } = assignment.runtime;
  const serverCreated =
    assignment.role === 'server'
      ? session.prepareServer().then((server) => {
          if (!build) session.startPrepared(server);
          return server;
        })
      : Promise.resolve(null);
  const [, , server] = await Promise.all([pod.putSubmission(opts.submissionTar), pod.startPeer(), serverCreated]);
  const acquired: AcquiredPod = { pod, channel, session, reused: lent !== undefined, ...(warm ? { warm } : {}) };
  // A compiled language builds in a container of its own over the submission, with its own
  // limits, before the program may start (issue #14).
  if (build) {
    acquired.built = await runBuildStep(pod, assignment, build, opts.images.student);
    if (acquired.built.status !== 'ok') server?.discard();
    else if (server) session.startPrepared(server);
  }
  return acquired;
}

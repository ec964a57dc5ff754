import type { ContainerClient } from './container-client.js';
import { PeerChannel } from './peer-channel.js';
import { SandboxPod, newRunId } from './sandbox-pod.js';

/**
 * A pod made ahead of its run: peer started (and with it the pod's network) and waiting
 * for its config on stdin. What is left for the run is the submission, the student's
 * program and the tests themselves. After a run whose peer reports clean it is ready
 * again (issue #11): the same peer serves the next run.
 */
export interface WarmPod {
  pod: SandboxPod;
  channel: PeerChannel;
  /** The names the pod's hosts file maps to 127.0.0.1 besides its hostname, sorted. */
  hostnames: string[];
  /** Since when it waits for a run (booted, or back from its last run). */
  readyAt: number;
  /** How many runs its peer has served, as it said at its last reset. */
  peerRuns?: number;
}

export async function openWarmPod(opts: {
  client: ContainerClient;
  peerImage: string;
  hostnames: string[];
  signal: AbortSignal;
  log: (line: string) => void;
  cgroupParent?: string;
}): Promise<WarmPod> {
  const channel = new PeerChannel();
  const pod = await SandboxPod.create({ ...opts, podId: newRunId(), peerStdout: channel.stdout, peerStderr: channel.stderr });
  try {
    await pod.startPeer();
    return { pod, channel, hostnames: [...opts.hostnames].sort(), readyAt: Date.now() };
  } catch (error) {
    await pod.dispose();
    throw error;
  }
}

import type Dockerode from 'dockerode';
import { PeerChannel } from './peer-channel.js';
import { SandboxPod, newRunId, type PreparedPeer } from './sandbox-pod.js';

/**
 * A pod made ahead of its run: holder running, peer started and waiting for its config
 * on stdin. What is left for the run is the submission, the student's program and the
 * tests themselves.
 */
export interface WarmPod {
  pod: SandboxPod;
  peer: PreparedPeer;
  channel: PeerChannel;
  /** The names the pod's hosts file maps to 127.0.0.1 besides its hostname, sorted. */
  hostnames: string[];
  readyAt: number;
}

export async function openWarmPod(opts: {
  docker: Dockerode;
  peerImage: string;
  hostnames: string[];
  signal: AbortSignal;
  log: (line: string) => void;
}): Promise<WarmPod> {
  const pod = await SandboxPod.create({ ...opts, runId: newRunId() });
  try {
    const channel = new PeerChannel();
    const [, peer] = await Promise.all([pod.startHolder(), pod.preparePeer([], channel.stdout, channel.stderr)]);
    await peer.start();
    return { pod, peer, channel, hostnames: [...opts.hostnames].sort(), readyAt: Date.now() };
  } catch (error) {
    await pod.dispose();
    throw error;
  }
}

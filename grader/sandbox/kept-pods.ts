import type { ContainerClient, ContainerSummary } from './container-client.js';
import { LABELS } from './labels.js';
import { PeerChannel } from './peer-channel.js';
import type { PodLender } from './pod-lender.js';
import { SandboxPod, keepLabel, peerName } from './sandbox-pod.js';
import type { WarmPod } from './warm-pod.js';

export interface KeptPodsOptions {
  client: ContainerClient;
  /**
   * How long a kept pod waits for the next `sockgrade grade` before its peer exits by
   * itself (and Docker removes it: it was made with `AutoRemove`).
   */
  keepMs: number;
  /** Runs one pod serves before it is removed even though its peer reports clean. @defaultValue 25, as the worker's pool */
  maxRunsPerPod?: number;
  /** Pods kept for one peer image and hostnames at once; a run that finds as many waiting removes its own. @defaultValue 2 */
  maxKept?: number;
  log?: (line: string) => void;
  /** See `SandboxPodOptions.cgroupParent`. @defaultValue Docker's own */
  cgroupParent?: string;
}

/**
 * A kept pod's peer: `sockgrade-<pod id>-kept-<ms since 1970 when its peer exits>`. The end
 * is in the name, not the keeper's setting: a process claiming it may have another
 * `SOCKGRADE_KEEP_POD_SECONDS` than the one that kept it.
 */
const KEPT_NAME = /^\/?sockgrade-([a-z0-9]+)-kept-(\d+)$/;

/**
 * A claim needs this much of the keep time left: the peer must not exit between the
 * claim and the run's config (its own timer began a moment before the pod was named kept).
 */
const CLAIM_MARGIN_MS = 30_000;

/**
 * Pods kept running between `sockgrade grade` processes on one Docker engine (issue #11),
 * so a student or a CI job grading again pays for the student's container only, as a
 * worker with its warm pool does: the peer container (with the pod's network) stays up,
 * waiting for the next run's config.
 *
 * - **Kept**: after a clean run (every container and the volume of the run removed, the
 *   peer's `reset` clean: `grader/run/return-pod.ts`) the pod's peer is renamed
 *   `sockgrade-<id>-kept-<end>` and this process lets go of it. Its peer was told to exit
 *   if no run comes within `keepMs` (`ResetRequest.idleExitMs`); Docker then removes it.
 * - **Claimed**: a later process lists kept pods for its peer image and hostnames, and
 *   renames one back to `sockgrade-<id>-peer`. Docker renames a container one request at a
 *   time, so of two processes claiming the same pod one gets it and the other looks on (or
 *   makes a fresh pod).
 * - Nothing outlives its use for long without a process: a kept peer ends after
 *   `keepMs`; one whose process died mid-run ends after its run's limit and a short wait
 *   for a `reset` that never comes (`checks/peer/serve-runs.ts`). The reaper leaves running
 *   keepable peers alone for that reason, and removes the rest of a dead process's run.
 */
export class KeptPods implements PodLender {
  readonly takesFreshPods = true;
  readonly idleExitMs: number;
  private readonly maxRunsPerPod: number;
  private readonly maxKept: number;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: KeptPodsOptions) {
    this.idleExitMs = opts.keepMs;
    this.maxRunsPerPod = Math.max(1, opts.maxRunsPerPod ?? 25);
    this.maxKept = Math.max(1, opts.maxKept ?? 2);
    this.log = opts.log ?? (() => {});
  }

  /** Claims a kept pod for these hostnames and peer image, or undefined. Never throws for a pod it could not claim. */
  async take(hostnames: readonly string[], peerImage: string, signal: AbortSignal): Promise<WarmPod | undefined> {
    const sorted = [...hostnames].sort();
    const now = Date.now();
    const candidates = (await this.listKept(sorted, peerImage))
      .filter((pod) => pod.endsAt - now > CLAIM_MARGIN_MS)
      // The one furthest from its own end first.
      .sort((a, b) => b.endsAt - a.endsAt);
    for (const candidate of candidates) {
      signal.throwIfAborted();
      const container = this.opts.client.getContainer(candidate.info.Id);
      try {
        await container.rename({ name: peerName(candidate.podId) });
      } catch {
        continue; // Another process claimed it first, or it just ended.
      }
      const channel = new PeerChannel();
      try {
        const pod = await SandboxPod.adopt(
          {
            client: this.opts.client,
            peerImage,
            hostnames: sorted,
            signal,
            log: this.log,
            peerStdout: channel.stdout,
            peerStderr: channel.stderr,
            ...(this.opts.cgroupParent ? { cgroupParent: this.opts.cgroupParent } : {}),
          },
          { container, podId: candidate.podId },
        );
        this.log(`claimed kept pod ${candidate.podId}, its peer would have ended in ${candidate.endsAt - now} ms`);
        return { pod, channel, hostnames: sorted, readyAt: now };
      } catch (error) {
        this.log(`could not attach to kept pod ${candidate.podId}: ${error instanceof Error ? error.message : String(error)}`);
        await container.remove({ force: true, v: true }).catch(() => {});
      }
    }
    return undefined;
  }

  /** Keeps the pod for a later process, unless it served its runs or enough pods wait already. */
  async giveBack(warm: WarmPod): Promise<void> {
    const { pod } = warm;
    const why =
      pod.peer.stream.destroyed ? 'its peer stopped'
      : (warm.peerRuns ?? 0) >= this.maxRunsPerPod ? `it served ${warm.peerRuns} runs`
      : (await this.listKept(warm.hostnames, pod.peerImage).catch(() => [])).length >= this.maxKept ? `${this.maxKept} pods are kept already`
      : null;
    if (why) {
      this.log(`not keeping the pod: ${why}`);
      await pod.dispose();
      return;
    }
    try {
      await pod.peer.container.rename({ name: keptName(pod.podId, Date.now() + this.opts.keepMs) });
    } catch (error) {
      this.log(`could not keep the pod: ${error instanceof Error ? error.message : String(error)}`);
      await pod.dispose();
      return;
    }
    pod.release();
    this.log(`kept pod ${pod.podId} for ${this.opts.keepMs} ms`);
  }

  /** The run removed the pod itself: nothing to do. */
  discard(): void {}

  private async listKept(hostnames: readonly string[], peerImage: string): Promise<KeptPod[]> {
    const key = keepLabel(hostnames);
    return (await listKeptPods(this.opts.client)).filter((pod) => pod.info.Image === peerImage && pod.info.Labels[LABELS.keep] === key);
  }
}

/** A pod waiting to be claimed. */
export interface KeptPod {
  info: ContainerSummary;
  podId: string;
  /** When its peer exits unless a run claims it first, ms since 1970. */
  endsAt: number;
}

/** Every kept pod waiting on the engine now, whatever its peer image and hostnames. */
export async function listKeptPods(client: ContainerClient): Promise<KeptPod[]> {
  const listed = await client.listContainers({
    all: false,
    filters: { label: [`${LABELS.managed}=true`, `${LABELS.role}=peer`, LABELS.keep], name: ['-kept-'] },
  });
  return listed.flatMap((info) => {
    const match = info.Names.map((name) => KEPT_NAME.exec(name)).find(Boolean);
    if (!match || info.State !== 'running') return [];
    return [{ info, podId: match[1]!, endsAt: Number(match[2]) }];
  });
}

/**
 * Removes every kept pod waiting now (`sockgrade pods stop`); returns how many. Each is
 * claimed first, as a run claims it, so a pod another process takes meanwhile is left to it.
 */
export async function removeKeptPods(client: ContainerClient): Promise<number> {
  const removed = await Promise.all(
    (await listKeptPods(client)).map(async ({ info, podId }) => {
      const container = client.getContainer(info.Id);
      try {
        await container.rename({ name: peerName(podId) });
      } catch {
        return false; // Claimed by a run meanwhile, or just ended.
      }
      await container.remove({ force: true, v: true }).catch(() => {});
      return true;
    }),
  );
  return removed.filter(Boolean).length;
}

function keptName(podId: string, endsAt: number): string {
  return `sockgrade-${podId}-kept-${endsAt}`;
}

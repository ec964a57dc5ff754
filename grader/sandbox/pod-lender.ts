import type { KeptPods } from './kept-pods.js';
import type { WarmPod } from './warm-pod.js';
import type { WarmPodPool } from './warm-pod-pool.js';

/**
 * Where a run's pod comes from besides a fresh one, and where it goes after a clean run
 * (issue #11): the worker's {@link WarmPodPool} (pods booted ahead, in one process) or
 * `sockgrade grade`'s {@link KeptPods} (a pod kept running between processes). The run's
 * own side of it is `grader/run/acquire-pod.ts` and `grader/run/return-pod.ts`.
 */
export interface PodLender {
  /**
   * Lends a ready pod for these hostnames and peer image to one run, or undefined (the run
   * makes a fresh one). The run ends the loan with {@link giveBack} or {@link discard}.
   */
  take(hostnames: readonly string[], peerImage: string, signal: AbortSignal): WarmPod | undefined | Promise<WarmPod | undefined>;
  /**
   * Whether a fresh pod the run made (when `take` had none) may come back too: it is then
   * made keepable and ends like a lent one. The pool boots its own pods instead.
   */
  readonly takesFreshPods: boolean;
  /** How long a clean peer given back waits for its next run before it exits by itself; undefined: the peer's own wait. */
  readonly idleExitMs?: number | undefined;
  /** Ends a loan with a pod whose run is over, its containers removed and its peer clean. Never throws. */
  giveBack(warm: WarmPod): void | Promise<void>;
  /** Ends a loan with a pod the run has already removed. */
  discard(warm: WarmPod): void;
}

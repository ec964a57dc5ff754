import { setMaxListeners } from 'node:events';
import type { ContainerClient } from './container-client.js';
import type { PodLender } from './pod-lender.js';
import { openWarmPod, type WarmPod } from './warm-pod.js';

export interface WarmPodPoolOptions {
  docker: ContainerClient;
  peerImage: string;
  /** How many pods to keep ready; the number of runs expected to start at once. @defaultValue 1 */
  size?: number;
  /**
   * A ready pod idle this long is removed and replaced, before its peer gives up waiting
   * for a config (15 minutes, `checks/peer/main.ts`). @defaultValue 10 minutes
   */
  maxIdleMs?: number;
  /** How often ready pods are checked for their age, on a timer (no run needs to come). @defaultValue maxIdleMs / 4, at most 1 minute */
  idleCheckMs?: number;
  /** Waiting after a failed boot (Docker down, image gone) before trying again. @defaultValue 5 s */
  retryAfterMs?: number;
  /**
   * Runs one pod serves before it is retired even though its peer reports clean (issue
   * #11): bounds what a leak nobody found could build up. 1 boots a pod per run. @defaultValue 25
   */
  maxRunsPerPod?: number;
  log?: (line: string) => void;
  /** See `SandboxPodOptions.cgroupParent`. @defaultValue Docker's own */
  cgroupParent?: string;
}

/**
 * Keeps pods booted ahead of the runs that need them, so a run pays for one container
 * start (the student's) instead of two in a row. Only pods without extra hostnames are
 * kept; an assignment that lists names gets a fresh pod.
 *
 * A pod is lent to one run at a time ({@link take}); after the run its owner gives it
 * back ({@link giveBack}, once the run's containers are gone and the peer reported clean:
 * `grader/run/return-pod.ts`) or discards it ({@link discard}). A pod given back serves
 * the next run with the same peer, so a run costs neither the peer's container start nor
 * its Node start-up (issue #11), up to `maxRunsPerPod`. Pods lent out count towards
 * `size`: the pool boots a new one only for a pod that is gone.
 *
 * Idle pods are retired on a timer and replaced, and a pod whose peer stops while it
 * waits (its attach stream ends) is removed at once (issue #13 item 6): nothing of a pod
 * outlives its peer, whether or not another run comes.
 */
export class WarmPodPool implements PodLender {
  readonly takesFreshPods = false;

  private readonly ready: WarmPod[] = [];
  private readonly lent = new Set<WarmPod>();
  private readonly filling = new Set<Promise<void>>();
  private readonly disposing = new Set<Promise<void>>();
  private readonly closing = new AbortController();
  private readonly size: number;
  private readonly maxIdleMs: number;
  private readonly idleCheckMs: number;
  private readonly retryAfterMs: number;
  private readonly maxRunsPerPod: number;
  private readonly log: (line: string) => void;
  private failedAt = -Infinity;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: WarmPodPoolOptions) {
    this.size = opts.size ?? 1;
    // Every Docker call of a pod being booted listens on this one signal (docker-modem adds
    // a listener per request and removes it after): with several pods filling at once that
    // passes Node's default warning threshold of 10 without any leak.
    setMaxListeners(Math.max(10, this.size * 8), this.closing.signal);
    this.maxIdleMs = opts.maxIdleMs ?? 10 * 60 * 1000;
    this.idleCheckMs = opts.idleCheckMs ?? Math.min(60_000, Math.max(10, Math.floor(this.maxIdleMs / 4)));
    this.retryAfterMs = opts.retryAfterMs ?? 5_000;
    this.maxRunsPerPod = Math.max(1, opts.maxRunsPerPod ?? 25);
    this.log = opts.log ?? (() => {});
  }

  /** Starts filling the pool in the background, and the timer that retires idle pods. */
  start(): void {
    if (this.closing.signal.aborted) return;
    if (!this.idleTimer) {
      this.idleTimer = setInterval(() => {
        this.retireStale();
        this.refill();
      }, this.idleCheckMs);
      this.idleTimer.unref();
    }
    this.refill();
  }

  /**
   * Lends a ready pod for these hostnames, or undefined (the caller makes a fresh one).
   * The caller must end the loan with {@link giveBack} or {@link discard}.
   */
  take(hostnames: readonly string[], peerImage: string): WarmPod | undefined {
    if (hostnames.length > 0 || peerImage !== this.opts.peerImage || this.closing.signal.aborted) return undefined;
    this.retireStale();
    const pod = this.ready.shift();
    if (pod) this.lent.add(pod);
    this.refill();
    return pod;
  }

  /**
   * Ends a loan with a pod whose run is over, its containers removed and its peer clean:
   * ready again, unless it served its last run or the pool is closing.
   */
  giveBack(warm: WarmPod): void {
    if (!this.lent.delete(warm)) return;
    if (this.closing.signal.aborted || warm.pod.runsBegun >= this.maxRunsPerPod || warm.pod.peer.stream.destroyed) {
      this.retire(warm);
      this.refill();
      return;
    }
    this.makeReady(warm);
  }

  /** Ends a loan with a pod that is not to be used again: removed, and a new one booted. */
  discard(warm: WarmPod): void {
    if (!this.lent.delete(warm)) return;
    this.retire(warm);
    this.refill();
  }

  get readyCount(): number {
    return this.ready.length;
  }

  /** Pods lent to runs now. */
  get lentCount(): number {
    return this.lent.size;
  }

  /** Waits for pods being made, then removes every ready one; pods lent out go when given back. Idempotent. */
  async close(): Promise<void> {
    this.closing.abort(new Error('pod pool closing'));
    clearInterval(this.idleTimer);
    await Promise.allSettled([...this.filling]);
    for (const warm of this.ready.splice(0)) this.retire(warm);
    await Promise.allSettled([...this.disposing]);
  }

  /** Ready for a run from now on, with the next run's volume and loader being made meanwhile. */
  private makeReady(warm: WarmPod): void {
    warm.readyAt = Date.now();
    warm.pod.prepareNextRun();
    this.ready.push(warm);
  }

  private retireStale(): void {
    const now = Date.now();
    for (const warm of [...this.ready]) {
      if (now - warm.readyAt > this.maxIdleMs) {
        this.log(`retiring warm pod idle for ${now - warm.readyAt} ms`);
        this.remove(warm);
      }
    }
  }

  /** Takes a pod out of the ready list and removes its containers and volume. */
  private remove(warm: WarmPod): void {
    const index = this.ready.indexOf(warm);
    if (index < 0) return;
    this.ready.splice(index, 1);
    this.retire(warm);
  }

  private retire(warm: WarmPod): void {
    warm.channel.log = this.log;
    const disposing = warm.pod.dispose();
    this.disposing.add(disposing);
    void disposing.finally(() => this.disposing.delete(disposing));
  }

  private refill(): void {
    // After a failure (Docker down, image gone) wait a little instead of retrying in a loop.
    if (Date.now() - this.failedAt < this.retryAfterMs) return;
    while (!this.closing.signal.aborted && this.ready.length + this.lent.size + this.filling.size < this.size) {
      const filling: Promise<void> = openWarmPod({
        client: this.opts.docker,
        peerImage: this.opts.peerImage,
        hostnames: [],
        signal: this.closing.signal,
        log: this.log,
        ...(this.opts.cgroupParent ? { cgroupParent: this.opts.cgroupParent } : {}),
      }).then(
        (warm) => {
          if (this.closing.signal.aborted) return this.retire(warm);
          this.makeReady(warm);
          // The peer gone while waiting (killed, out of memory, Docker restarted): no use
          // to any run. (While lent, the run notices and discards the pod.)
          warm.pod.peer.stream.once('close', () => {
            if (!this.ready.includes(warm)) return;
            this.log('a warm pod’s peer stopped while idle: removing the pod');
            this.remove(warm);
            this.refill();
          });
        },
        (error: unknown) => {
          this.failedAt = Date.now();
          this.log(`could not prepare a warm pod: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
      this.filling.add(filling);
      void filling.finally(() => this.filling.delete(filling));
    }
  }
}

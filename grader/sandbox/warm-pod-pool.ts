import { setMaxListeners } from 'node:events';
import type Dockerode from 'dockerode';
import { openWarmPod, type WarmPod } from './warm-pod.js';

export interface WarmPodPoolOptions {
  docker: Dockerode;
  peerImage: string;
  /** How many pods to keep ready; the number of runs expected to start at once. @defaultValue 1 */
  size?: number;
  /** A ready pod older than this is replaced (its peer would give up waiting). @defaultValue 10 minutes */
  maxIdleMs?: number;
  log?: (line: string) => void;
}

/**
 * Keeps pods booted ahead of the runs that need them, so a run pays for one container
 * start (the student's) instead of three in a row. Only pods without extra hostnames are
 * kept; an assignment that lists names gets a fresh pod.
 */
export class WarmPodPool {
  private readonly ready: WarmPod[] = [];
  private readonly filling = new Set<Promise<void>>();
  private readonly closing = new AbortController();
  private readonly size: number;
  private readonly maxIdleMs: number;
  private readonly log: (line: string) => void;
  private failedAt = 0;

  constructor(private readonly opts: WarmPodPoolOptions) {
    this.size = opts.size ?? 1;
    // Every Docker call of a pod being booted listens on this one signal (docker-modem adds
    // a listener per request and removes it after): with several pods filling at once that
    // passes Node's default warning threshold of 10 without any leak.
    setMaxListeners(Math.max(10, this.size * 8), this.closing.signal);
    this.maxIdleMs = opts.maxIdleMs ?? 10 * 60 * 1000;
    this.log = opts.log ?? (() => {});
  }

  /** Starts filling the pool in the background. */
  start(): void {
    this.refill();
  }

  /** A ready pod for these hostnames, or undefined (the caller makes a fresh one). Triggers a refill. */
  take(hostnames: readonly string[], peerImage: string): WarmPod | undefined {
    if (hostnames.length > 0 || peerImage !== this.opts.peerImage || this.closing.signal.aborted) return undefined;
    this.retireStale();
    const pod = this.ready.shift();
    this.refill();
    return pod;
  }

  get readyCount(): number {
    return this.ready.length;
  }

  /** Waits for pods being made, then removes every ready one. Idempotent. */
  async close(): Promise<void> {
    this.closing.abort(new Error('pod pool closing'));
    await Promise.allSettled([...this.filling]);
    const pods = this.ready.splice(0);
    await Promise.all(pods.map((warm) => warm.pod.dispose()));
  }

  private retireStale(): void {
    const now = Date.now();
    for (let i = this.ready.length - 1; i >= 0; i--) {
      if (now - this.ready[i]!.readyAt > this.maxIdleMs) void this.ready.splice(i, 1)[0]!.pod.dispose();
    }
  }

  private refill(): void {
    // After a failure (Docker down, image gone) wait a little instead of retrying in a loop.
    if (Date.now() - this.failedAt < 5_000) return;
    while (!this.closing.signal.aborted && this.ready.length + this.filling.size < this.size) {
      const filling: Promise<void> = openWarmPod({
        docker: this.opts.docker,
        peerImage: this.opts.peerImage,
        hostnames: [],
        signal: this.closing.signal,
        log: this.log,
      }).then(
        async (warm) => {
          if (this.closing.signal.aborted) await warm.pod.dispose();
          else this.ready.push(warm);
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

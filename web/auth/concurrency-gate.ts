/** `ConcurrencyGate` refused: `maxQueued` were already waiting. */
export class GateFullError extends Error {
  readonly code = 'GATE_FULL';
}

/**
 * At most `concurrency` tasks at once, at most `maxQueued` more waiting in order; one
 * more is refused at once (`GateFullError`) instead of queueing without bound. For work
 * that costs a lot of memory or CPU per call, such as a password hash.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {
    if (concurrency < 1) throw new RangeError('concurrency must be at least 1');
  }

  /** Runs `task` when a place is free; throws `GateFullError` when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new GateFullError(`${this.running} running and ${this.waiting.length} waiting`);
      // The place is handed over by `release`, so `running` never dips below the limit in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Running and waiting now: for tests and metrics. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

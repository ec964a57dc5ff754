/**
 * The outer watchdog's slack beyond the assignment's own run limit: container start and
 * teardown. The peer enforces per-test deadlines; this catches everything else.
 */
const WATCHDOG_OVERHEAD_MS = 20_000;

/**
 * The second of a run's two timeouts (STYLE rule 6; the first is each container's kill
 * timer): the run limit plus overhead. `signal` aborts when it fires or the caller's
 * signal aborts; `fired` tells the two apart.
 */
export class RunWatchdog {
  readonly limitMs: number;
  readonly signal: AbortSignal;
  private readonly own = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(runMs: number, outer?: AbortSignal) {
    this.limitMs = runMs + WATCHDOG_OVERHEAD_MS;
    this.timer = setTimeout(() => this.own.abort(new Error(`run limit of ${this.limitMs} ms`)), this.limitMs);
    this.signal = outer ? AbortSignal.any([this.own.signal, outer]) : this.own.signal;
  }

  get fired(): boolean {
    return this.own.signal.aborted;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

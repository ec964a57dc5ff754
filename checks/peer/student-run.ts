import { abortReason } from '../lib/any-signal.js';
import { StudentExitedError, type StudentView } from '../suite.js';
import type { StudentRunResult } from './protocol.js';

export type StartOutcome = 'started' | 'exited' | 'timeout';

/** One run of the student's program as the peer sees it: started, then exited with a result. */
export class StudentRun implements StudentView {
  readonly runId: string;
  readonly #exited = new AbortController();
  #started = false;
  #result: StudentRunResult | null = null;
  readonly #startWaiters = new Set<() => void>();

  constructor(runId: string) {
    this.runId = runId;
  }

  get exited(): AbortSignal {
    return this.#exited.signal;
  }

  get hasStarted(): boolean {
    return this.#started;
  }

  lastExit(): StudentRunResult | null {
    return this.#result;
  }

  markStarted(): void {
    this.#started = true;
    for (const wake of this.#startWaiters) wake();
  }

  markExited(result: StudentRunResult): void {
    if (this.#result) return;
    this.#result = result;
    for (const wake of this.#startWaiters) wake();
    this.#exited.abort(new StudentExitedError(result));
  }

  /** Waits for `student-started` (or an early `student-exited`); rejects on abort. */
  waitForStart(ms: number, signal?: AbortSignal): Promise<StartOutcome> {
    const now = (): StartOutcome | null => (this.#result ? 'exited' : this.#started ? 'started' : null);
    const ready = now();
    if (ready) return Promise.resolve(ready);
    return this.#wait(ms, signal, (wake) => {
      this.#startWaiters.add(wake);
      return () => this.#startWaiters.delete(wake);
    }).then((timedOut) => (timedOut ? 'timeout' : (now() ?? 'timeout')));
  }

  /** The exit result, or null if the program still runs after `ms`; rejects on abort. */
  async waitForExit(ms: number, signal?: AbortSignal): Promise<StudentRunResult | null> {
    if (this.#result) return this.#result;
    await this.#wait(ms, signal, (wake) => {
      this.#exited.signal.addEventListener('abort', wake, { once: true });
      return () => this.#exited.signal.removeEventListener('abort', wake);
    });
    return this.#result;
  }

  /** Resolves true on timeout, false when woken; listeners always removed. */
  #wait(ms: number, signal: AbortSignal | undefined, subscribe: (wake: () => void) => () => void): Promise<boolean> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const finish = (timedOut: boolean): void => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        resolve(timedOut);
      };
      const onAbort = (): void => {
        clearTimeout(timer);
        unsubscribe();
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => finish(true), Math.max(0, ms));
      const unsubscribe = subscribe(() => finish(false));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * The wait in a reader's loop: check the queue, and if nothing is there, wait until the
 * socket reports something (data, close), the time is up or the signal aborts. One waiter
 * at a time, as each of our sockets has one reader.
 */
import { abortReason } from './any-signal.js';

export class ActivityWaiter {
  #wake: (() => void) | null = null;

  /** Wakes the waiting reader, if there is one: call it on everything the reader might want to see. */
  notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /**
   * Resolves on the next {@link notify} or after `ms` (`Infinity`: no time limit); rejects
   * with the abort reason on abort. Always removes its timer and listener.
   */
  wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : null;
      const onAbort = (): void => {
        cleanup();
        reject(abortReason(signal as AbortSignal));
      };
      function cleanup(): void {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      function done(): void {
        cleanup();
        resolve();
      }
      this.#wake = done;
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

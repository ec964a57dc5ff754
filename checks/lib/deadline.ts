import { abortReason } from './any-signal.js';
import { PhaseTimeoutError } from './errors.js';

/** A timer for one phase, as a signal whose reason names what timed out and after how long. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly ms: number;
  remainingMs(): number;
  /** Stops the timer; idempotent. */
  dispose(): void;
}

/**
 * Starts a deadline of `ms` for `phase`. The message should say what and how long, e.g.
 * "no reply to `hello` after 2000 ms" (see {@link formatDuration}).
 */
export function createDeadline(ms: number, phase: string, message: string): Deadline {
  const controller = new AbortController();
  const startedAt = Date.now();
  const timer = setTimeout(() => controller.abort(new PhaseTimeoutError(phase, ms, message)), Math.max(0, ms));
  // A pending deadline must never keep the peer process alive on its own.
  timer.unref?.();
  return {
    signal: controller.signal,
    ms,
    remainingMs: () => Math.max(0, startedAt + ms - Date.now()),
    dispose: () => clearTimeout(timer),
  };
}

/** Resolves after `ms`; rejects with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** "2000 ms" below ten seconds, "10 s" / "12.5 s" from there: the units a student reads best. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} s`;
}

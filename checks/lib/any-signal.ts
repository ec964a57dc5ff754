/**
 * `AbortSignal.any` for Node 18: the peer image runs Debian bookworm's Node 18.20, which
 * does not have it (added in Node 20.3).
 */

export interface LinkedSignal {
  /** Aborts with the reason of the first source that aborts. */
  readonly signal: AbortSignal;
  /** Removes our listeners from the sources; call it when the linked signal is no longer needed. */
  dispose(): void;
}

/**
 * Links several signals into one. Use this (and `dispose()` in a `finally`) when a source
 * lives much longer than the link, e.g. the whole run's signal linked once per read:
 * otherwise every link would leave a listener on the long-lived source.
 */
export function linkSignals(sources: Iterable<AbortSignal | null | undefined>): LinkedSignal {
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  const dispose = (): void => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  for (const source of sources) {
    if (!source) continue;
    if (source.aborted) {
      dispose();
      controller.abort(source.reason);
      break;
    }
    const onAbort = (): void => {
      dispose();
      controller.abort(source.reason);
    };
    source.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => source.removeEventListener('abort', onAbort));
  }
  return { signal: controller.signal, dispose };
}

/**
 * Like `AbortSignal.any`: the listeners go away once any source aborts. For short-lived
 * sources only; see {@link linkSignals} for the disposable form.
 */
export function anySignal(sources: Iterable<AbortSignal | null | undefined>): AbortSignal {
  return linkSignals(sources).signal;
}

/** The abort reason as an Error (a bare `abort()` gives a DOMException, strings happen too). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'aborted');
  error.name = 'AbortError';
  return error;
}

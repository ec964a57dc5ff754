import type { ContainerHandle } from './container-client.js';
import { isDockerGone } from '../errors.js';

export interface ContainerExit {
  exitCode: number;
  oomKilled: boolean;
}

const POLL_MS = 250;

/**
 * Resolves when the container has stopped. `container.wait()` can hang after a kill
 * (dockerode#596), so it races an inspect poll; whichever sees the exit first wins.
 * Rejects only when the signal aborts.
 */
export async function waitForExit(container: ContainerHandle, signal: AbortSignal): Promise<ContainerExit> {
  signal.throwIfAborted();
  const local = new AbortController();
  const onAbort = () => local.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const waited = container
      .wait({ abortSignal: local.signal })
      .then(() => inspectExit(container))
      .catch(() => null);
    const polled = pollExit(container, local.signal);
    const exit = await Promise.race([waited.then((value: ContainerExit | null) => value ?? polled), polled]);
    if (!exit) throw signal.reason ?? new Error('aborted');
    return exit;
  } finally {
    signal.removeEventListener('abort', onAbort);
    local.abort();
  }
}

async function pollExit(container: ContainerHandle, signal: AbortSignal): Promise<ContainerExit | null> {
  while (!signal.aborted) {
    const exit = await inspectExit(container);
    if (exit) return exit;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, POLL_MS);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
  return null;
}

/** The exit state, or null while the container still runs. A vanished container counts as killed. */
async function inspectExit(container: ContainerHandle): Promise<ContainerExit | null> {
  try {
    const info = await container.inspect();
    if (info.State.Running || info.State.Status === 'created') return null;
    return { exitCode: info.State.ExitCode, oomKilled: info.State.OOMKilled };
  } catch (error) {
    if (isDockerGone(error)) return { exitCode: 137, oomKilled: false };
    throw error;
  }
}

import type Dockerode from 'dockerode';

/** One JSON message of a build, import or pull progress stream. */
export interface DockerStreamEvent {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Reads a progress stream to its end. Docker reports a failed build or import inside the
 * stream, with HTTP 200 (`{"error": …}`), so every message is checked. Settles with
 * `signal.reason` on abort (and destroys the stream), listeners removed either way.
 */
export function followDockerStream(
  docker: Dockerode,
  stream: NodeJS.ReadableStream,
  opts: { signal?: AbortSignal | undefined; onEvent?: (event: DockerStreamEvent) => void },
): Promise<DockerStreamEvent[]> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    const onAbort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      reject(opts.signal?.reason);
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: DockerStreamEvent[]) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (opts.signal?.aborted) return reject(opts.signal.reason);
        if (err) return reject(err);
        if (failure !== undefined) return reject(new Error(failure));
        resolve(output);
      },
      (event: DockerStreamEvent) => {
        if (event.error !== undefined || event.errorDetail?.message !== undefined) {
          failure ??= event.errorDetail?.message ?? event.error;
        }
        opts.onEvent?.(event);
      },
    );
  });
}

/** Whether `name` (`repo:tag` or id) is an image in the local store. Never pulls. */
export async function isImagePresent(docker: Dockerode, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

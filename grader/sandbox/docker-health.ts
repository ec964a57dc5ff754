import type Dockerode from 'dockerode';
import { DockerUnreachableError } from '../errors.js';
import { dockerEndpoint } from './docker-connection.js';

/** Whether the engine still answers, for health checks: the same sentence as at start when it does not. */
export async function pingDocker(docker: Dockerode, timeoutMs = 2000): Promise<void> {
  try {
    await docker.ping({ abortSignal: AbortSignal.timeout(timeoutMs) } as never);
  } catch (error) {
    throw new DockerUnreachableError(dockerEndpoint(), { cause: error });
  }
}

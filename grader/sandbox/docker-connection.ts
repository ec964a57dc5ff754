import Dockerode from 'dockerode';
import { DockerUnreachableError } from '../errors.js';

/** Where dockerode will connect: `DOCKER_HOST` when set, else the local socket. */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST ?? '/var/run/docker.sock';
}

/**
 * Connects to the Docker engine and checks it answers within `timeoutMs`, so a dead
 * daemon is one clear sentence instead of a hang. dockerode reads DOCKER_HOST itself.
 */
export async function connectDocker(opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Dockerode> {
  const docker = new Dockerode();
  const where = dockerEndpoint(opts.env);
  try {
    await docker.ping({ abortSignal: AbortSignal.timeout(opts.timeoutMs ?? 5000) } as never);
  } catch (error) {
    throw new DockerUnreachableError(where, { cause: error });
  }
  return docker;
}

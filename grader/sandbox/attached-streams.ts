import type { ContainerClient, ContainerHandle } from './container-client.js';
import type { Duplex, Writable } from 'node:stream';

/**
 * Attaches to a created container before it starts, so no byte of output is missed
 * (dockerode#667), and splits Docker's multiplexed stream (Tty off) into stdout/stderr.
 */
export async function attachStreams(
  docker: ContainerClient,
  container: ContainerHandle,
  opts: { stdin: boolean; stdout: Writable; stderr: Writable; signal: AbortSignal },
): Promise<Duplex> {
  const stream = (await container.attach({
    stream: true,
    stdin: opts.stdin,
    stdout: true,
    stderr: true,
    hijack: opts.stdin,
    abortSignal: opts.signal,
  })) as Duplex;
  stream.on('error', () => {
    // The container going away ends the stream abruptly; exit state comes from inspect.
  });
  docker.modem.demuxStream(stream, opts.stdout, opts.stderr);
  return stream;
}

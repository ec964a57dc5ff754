import { PassThrough } from 'node:stream';
import { SandboxPod, type SandboxPodOptions } from '../sandbox-pod.js';
import type { FakeContainerClient } from './fake-container-client.js';

/** A pod on the fake Docker, its peer's output going nowhere. */
export function openFakePod(client: FakeContainerClient, runId = 'run1', extra: Partial<SandboxPodOptions> = {}): Promise<SandboxPod> {
  return SandboxPod.create({
    client,
    runId,
    peerImage: 'peer:1',
    hostnames: [],
    signal: new AbortController().signal,
    log: () => {},
    peerStdout: new PassThrough(),
    peerStderr: new PassThrough(),
    ...extra,
  });
}

/** Polls `condition` every 5 ms until it holds; fails after `ms`. */
export async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

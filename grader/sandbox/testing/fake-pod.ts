import { PassThrough } from 'node:stream';
import { SandboxPod, type SandboxPodOptions } from '../sandbox-pod.js';
import type { FakeContainerClient } from './fake-container-client.js';

/** A pod on the fake Docker with its first run begun (run id = pod id, as a fresh pod's), its peer's output going nowhere. */
export async function openFakePod(client: FakeContainerClient, podId = 'run1', extra: Partial<SandboxPodOptions> = {}): Promise<SandboxPod> {
  const pod = await openFakePodWithoutRun(client, podId, extra);
  await pod.beginRun({ runId: podId });
  return pod;
}

/** A pod on the fake Docker and no run yet, as the warm pool boots one. */
export function openFakePodWithoutRun(client: FakeContainerClient, podId = 'run1', extra: Partial<SandboxPodOptions> = {}): Promise<SandboxPod> {
  return SandboxPod.create({
    client,
    podId,
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

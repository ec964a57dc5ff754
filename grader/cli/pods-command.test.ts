import { describe, expect, it } from 'vitest';
import { KeptPods } from '../sandbox/kept-pods.js';
import { PeerChannel } from '../sandbox/peer-channel.js';
import { FakeContainerClient } from '../sandbox/testing/fake-container-client.js';
import { openFakePodWithoutRun } from '../sandbox/testing/fake-pod.js';
import { podsCommand } from './pods-command.js';

/** A pod `sockgrade grade` kept after a clean run. */
async function keepPod(docker: FakeContainerClient, podId: string): Promise<void> {
  const pod = await openFakePodWithoutRun(docker, podId, { keepable: true, hostnames: ['mail.example'] });
  await pod.startPeer();
  await new KeptPods({ client: docker, keepMs: 300_000 }).giveBack({ pod, channel: new PeerChannel(), hostnames: ['mail.example'], readyAt: Date.now() });
}

async function run(argv: string[], docker: FakeContainerClient) {
  const out = { stdout: '', stderr: '' };
  const code = await podsCommand(argv, { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) }, { docker });
  return { code, ...out };
}

describe('sockgrade pods (against a fake Docker)', () => {
  it('lists the kept pods, removes them on stop, and leaves a pod a run has claimed alone', async () => {
    const docker = new FakeContainerClient();
    expect(await run([], docker)).toEqual({ code: 0, stdout: 'no pods kept\n', stderr: '' });
    await keepPod(docker, 'podone');
    await keepPod(docker, 'podtwo');
    const listed = await run([], docker);
    expect(listed.stdout).toMatch(/^pod(one|two) {2}ends in (299|300) s {2}\(peer:1, hosts mail\.example\)\npod(one|two) {2}ends in (299|300) s/);
    // A later run claims one: it is no longer kept, and stop must not take it from that run.
    const claimed = await new KeptPods({ client: docker, keepMs: 300_000 }).take(['mail.example'], 'peer:1', new AbortController().signal);
    expect(claimed).toBeDefined();
    expect(await run(['stop'], docker)).toEqual({ code: 0, stdout: 'removed 1 kept pod\n', stderr: '' });
    expect((await run([], docker)).stdout).toBe('no pods kept\n');
    expect(docker.containers.has(claimed!.pod.peer.container.id)).toBe(true);
  });

  it('answers anything else with its usage, exit 2', async () => {
    const docker = new FakeContainerClient();
    const wrong = await run(['start'], docker);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^usage: sockgrade pods \[stop\]/);
  });
});

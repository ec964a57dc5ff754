import { describe, expect, it } from 'vitest';
import { KeptPods } from './kept-pods.js';
import { PeerChannel } from './peer-channel.js';
import type { SandboxPod } from './sandbox-pod.js';
import { FakeContainerClient } from './testing/fake-container-client.js';
import { openFakePodWithoutRun } from './testing/fake-pod.js';
import type { WarmPod } from './warm-pod.js';

const PEER = 'peer:1';
const signal = new AbortController().signal;

/** A keepable pod as `sockgrade grade` makes one when it finds none kept: peer running, its run over. */
async function finishedPod(docker: FakeContainerClient, podId: string, hostnames: string[] = []): Promise<WarmPod> {
  const pod = await openFakePodWithoutRun(docker, podId, { keepable: true, hostnames });
  await pod.startPeer();
  await pod.beginRun({ runId: `${podId}run` });
  await pod.endRun();
  return { pod, channel: new PeerChannel(), hostnames: [...hostnames].sort(), readyAt: Date.now(), peerRuns: 1 };
}

const peerOf = (docker: FakeContainerClient, pod: SandboxPod) => docker.containers.get(pod.peer.container.id)!;

/** Each `KeptPods` stands for one `sockgrade grade` process. */
const graderProcess = (docker: FakeContainerClient, extra: Partial<ConstructorParameters<typeof KeptPods>[0]> = {}) => new KeptPods({ client: docker, keepMs: 300_000, ...extra });

describe('pods kept between sockgrade grade processes (issue #11, against a fake Docker)', () => {
  it('keeps a clean pod running under its kept name, and a later process claims the same peer back', async () => {
    const docker = new FakeContainerClient();
    const first = await finishedPod(docker, 'pod1');
    // Made keepable: labelled with its (no) hostnames, so the reaper leaves it to end by itself.
    expect(peerOf(docker, first.pod).labels['sockgrade.keep']).toBe('');
    await graderProcess(docker).giveBack(first);
    const peer = peerOf(docker, first.pod);
    expect(peer.state).toBe('running');
    expect(peer.name).toMatch(/^sockgrade-pod1-kept-\d+$/);
    // This process let go of it: its attach connection is closed, the container is not touched.
    expect(first.pod.peer.stream.destroyed).toBe(true);

    const claimed = await graderProcess(docker).take([], PEER, signal);
    expect(claimed?.pod.peer.container.id).toBe(peer.id);
    expect(claimed?.pod.podId).toBe('pod1');
    expect(peer.name).toBe('sockgrade-pod1-peer');
    // Claimed: no longer offered to anyone else.
    expect(await graderProcess(docker).take([], PEER, signal)).toBeUndefined();
    // The claimer's run works in it: a volume of its own, files in, containers joining the peer.
    await claimed!.pod.beginRun({ runId: 'run2' });
    await claimed!.pod.putSubmission(Buffer.alloc(512));
    expect(await claimed!.pod.endRun()).toBe(true);
    await claimed!.pod.dispose();
    expect(docker.leftovers()).toEqual([]);
  });

  it('lets exactly one of two processes claiming at once have the pod', async () => {
    const docker = new FakeContainerClient();
    await graderProcess(docker).giveBack(await finishedPod(docker, 'pod1'));
    const [a, b] = await Promise.all([graderProcess(docker).take([], PEER, signal), graderProcess(docker).take([], PEER, signal)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    // Both tried: the second rename came after the first and failed, as Docker's does.
    expect(docker.calls.filter((call) => call.startsWith('rename ') && call.endsWith(' sockgrade-pod1-peer'))).toHaveLength(2);
  });

  it('claims only a pod for the same peer image and hostnames, running, with enough of its keep time left', async () => {
    const docker = new FakeContainerClient();
    await graderProcess(docker).giveBack(await finishedPod(docker, 'mail', ['smtp.example', 'mail.example']));
    expect(await graderProcess(docker).take([], PEER, signal)).toBeUndefined();
    expect(await graderProcess(docker).take(['mail.example'], PEER, signal)).toBeUndefined();
    expect(await graderProcess(docker).take(['mail.example', 'smtp.example'], 'peer:2', signal)).toBeUndefined();
    // The same names in another order: claimed.
    expect(await graderProcess(docker).take(['smtp.example', 'mail.example'], PEER, signal)).toBeDefined();
    const old = await finishedPod(docker, 'old');
    await graderProcess(docker).giveBack(old);
    const peer = peerOf(docker, old.pod);
    // Its end is in its name: near it, its peer may exit any moment: left alone.
    expect(peer.name).toMatch(/^sockgrade-old-kept-\d+$/);
    peer.name = `sockgrade-old-kept-${Date.now() + 20_000}`;
    expect(await graderProcess(docker).take([], PEER, signal)).toBeUndefined();
    // Kept by a process with a short keep time: a process with a long one does not take it
    // (the peer ends when the keeper said, whatever the claimer's own setting).
    peer.name = `sockgrade-old-kept-${Date.now() + 300_000}`;
    const brief = await finishedPod(docker, 'brief');
    await graderProcess(docker, { keepMs: 2_000 }).giveBack(brief);
    expect(peerOf(docker, brief.pod).name).toMatch(/^sockgrade-brief-kept-\d+$/);
    const taken = await graderProcess(docker, { keepMs: 600_000 }).take([], PEER, signal);
    expect(taken?.pod.podId).toBe('old');
    expect(await graderProcess(docker, { keepMs: 600_000 }).take([], PEER, signal)).toBeUndefined();
    await taken!.pod.dispose();
    // Its peer gone (it ended while listed as kept): not claimed.
    const briefPeer = peerOf(docker, brief.pod);
    briefPeer.name = `sockgrade-brief-kept-${Date.now() + 300_000}`;
    briefPeer.exit(0);
    expect(await graderProcess(docker).take([], PEER, signal)).toBeUndefined();
  });

  it('removes instead of keeping a pod that served its runs, whose peer stopped, or when enough pods wait already', async () => {
    const docker = new FakeContainerClient();
    const worn = await finishedPod(docker, 'worn');
    worn.peerRuns = 3;
    await graderProcess(docker, { maxRunsPerPod: 3 }).giveBack(worn);
    expect(docker.containers.has(worn.pod.peer.container.id)).toBe(false);

    const stopped = await finishedPod(docker, 'stopped');
    stopped.pod.peer.stream.destroy();
    await graderProcess(docker).giveBack(stopped);
    expect(docker.containers.has(stopped.pod.peer.container.id)).toBe(false);

    const kept = await Promise.all(['a', 'b', 'c'].map((id) => finishedPod(docker, id)));
    for (const warm of kept) await graderProcess(docker, { maxKept: 2 }).giveBack(warm);
    expect(kept.map((warm) => docker.containers.has(warm.pod.peer.container.id))).toEqual([true, true, false]);
  });
});

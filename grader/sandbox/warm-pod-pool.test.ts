import { afterEach, describe, expect, it } from 'vitest';
import { FakeContainerClient } from './testing/fake-container-client.js';
import { until } from './testing/fake-pod.js';
import { WarmPodPool } from './warm-pod-pool.js';

const PEER = 'peer:1';

let pool: WarmPodPool | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('the warm pod pool (against a fake Docker)', () => {
  it('keeps `size` pods of one running peer each, hands one out and boots the next', async () => {
    const docker = new FakeContainerClient();
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 2 });
    pool.start();
    await until(() => pool!.readyCount === 2 && docker.volumes.size === 2);
    // A running peer per pod, which owns the network (no holder), and the next run made
    // ahead: its volume and a loader that is never started.
    const roles = (role: string) => [...docker.containers.values()].filter((c) => c.labels['sockgrade.role'] === role).map((c) => [c.state, c.networkMode]);
    expect(roles('peer')).toEqual([
      ['running', 'none'],
      ['running', 'none'],
    ]);
    expect(roles('loader')).toEqual([
      ['created', 'none'],
      ['created', 'none'],
    ]);
    const warm = pool.take([], PEER);
    expect(warm?.pod.peer.container.id).toBeDefined();
    expect(pool.take(['mail.example'], PEER)).toBeUndefined();
    expect(pool.take([], 'other-peer:2')).toBeUndefined();
    expect(pool.lentCount).toBe(1);
    // A pod lent out counts: no third pod is booted while it may come back.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(roles('peer')).toHaveLength(2);
    expect(pool.readyCount).toBe(1);
    // Discarded: gone, and a new one boots in its place.
    pool.discard(warm!);
    await until(() => pool!.readyCount === 2 && !docker.containers.has(warm!.pod.peer.container.id));
    expect(pool.lentCount).toBe(0);
    await pool.close();
    expect(docker.leftovers()).toEqual([]);
  });

  it('lends a pod given back to the next run, the same peer, until it served maxRunsPerPod runs (issue #11)', async () => {
    const docker = new FakeContainerClient();
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 1, maxRunsPerPod: 3 });
    pool.start();
    await until(() => pool!.readyCount === 1);
    const peers: string[] = [];
    for (let run = 1; run <= 4; run += 1) {
      await until(() => pool!.readyCount === 1);
      const warm = pool.take([], PEER)!;
      peers.push(warm.pod.peer.container.id);
      await warm.pod.beginRun({ runId: `run${run}` });
      expect(await warm.pod.endRun()).toBe(true);
      pool.giveBack(warm);
    }
    // Runs 1-3 on one peer; after its third it was retired and run 4 got a new one.
    expect(new Set(peers.slice(0, 3)).size).toBe(1);
    expect(peers[3]).not.toBe(peers[0]);
    await until(() => !docker.containers.has(peers[0]!));
    await pool.close();
    expect(docker.leftovers()).toEqual([]);
  });

  it('retires idle pods on its timer, with no run coming, and replaces them (issue #13 item 6)', async () => {
    const docker = new FakeContainerClient();
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 1, maxIdleMs: 60, idleCheckMs: 10 });
    pool.start();
    await until(() => pool!.readyCount === 1);
    const first = [...docker.containers.keys()][0]!;
    await until(() => !docker.containers.has(first) && pool!.readyCount === 1 && docker.volumes.size === 1);
    // The replacement and its next run: the old pod's prepared run went with it.
    expect(docker.containers.size).toBe(2);
    expect(docker.volumes.size).toBe(1);
  });

  it('removes a pod as soon as its peer stops while it waits', async () => {
    const docker = new FakeContainerClient();
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 1 });
    pool.start();
    await until(() => pool!.readyCount === 1);
    const peer = [...docker.containers.values()][0]!;
    peer.exit(137); // killed, out of memory, or its 15 minutes without a config ran out
    await until(() => !docker.containers.has(peer.id));
    await until(() => pool!.readyCount === 1);
    expect(pool.take([], PEER)?.pod.peer.container.id).not.toBe(peer.id);
  });

  it('leaves nothing behind when a boot fails, and tries again only after a pause', async () => {
    const docker = new FakeContainerClient();
    let failures = 0;
    docker.failCreate = () => (failures++ < 1 ? Object.assign(new Error('no such image'), { statusCode: 404 }) : undefined);
    const lines: string[] = [];
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 1, retryAfterMs: 50, idleCheckMs: 10, log: (line) => lines.push(line) });
    pool.start();
    await until(() => lines.some((line) => line.includes('could not prepare a warm pod')));
    expect(docker.leftovers()).toEqual([]);
    expect(pool.take([], PEER)).toBeUndefined();
    // The idle timer refills once the pause is over.
    await until(() => pool!.readyCount === 1);
  });

  it('closes idempotently: pods being booted and ready ones are all removed, none handed out after', async () => {
    const docker = new FakeContainerClient();
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 3 });
    pool.start();
    await Promise.all([pool.close(), pool.close()]);
    expect(pool.readyCount).toBe(0);
    expect(pool.take([], PEER)).toBeUndefined();
    expect(docker.leftovers()).toEqual([]);
  });
});

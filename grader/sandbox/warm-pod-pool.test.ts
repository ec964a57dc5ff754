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
    await until(() => pool!.readyCount === 2);
    // One container per pod: the peer owns the network, no holder.
    expect([...docker.containers.values()].map((c) => [c.labels['sockgrade.role'], c.state, c.networkMode])).toEqual([
      ['peer', 'running', 'none'],
      ['peer', 'running', 'none'],
    ]);
    expect(docker.volumes.size).toBe(2);
    const warm = pool.take([], PEER);
    expect(warm?.pod.peer.container.id).toBeDefined();
    expect(pool.take(['mail.example'], PEER)).toBeUndefined();
    expect(pool.take([], 'other-peer:2')).toBeUndefined();
    await until(() => pool!.readyCount === 2);
    expect(docker.containers.size).toBe(3);
    await warm!.pod.dispose();
    await pool.close();
    expect(docker.leftovers()).toEqual([]);
  });

  it('retires idle pods on its timer, with no run coming, and replaces them (issue #13 item 6)', async () => {
    const docker = new FakeContainerClient();
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 1, maxIdleMs: 60, idleCheckMs: 10 });
    pool.start();
    await until(() => pool!.readyCount === 1);
    const first = [...docker.containers.keys()][0]!;
    const firstVolume = [...docker.volumes.keys()][0]!;
    await until(() => !docker.containers.has(first) && pool!.readyCount === 1);
    expect(docker.volumes.has(firstVolume)).toBe(false);
    expect(docker.containers.size).toBe(1);
    expect(docker.volumes.size).toBe(1);
  });

  it('removes a pod, volume included, as soon as its peer stops while it waits', async () => {
    const docker = new FakeContainerClient();
    pool = new WarmPodPool({ docker, peerImage: PEER, size: 1 });
    pool.start();
    await until(() => pool!.readyCount === 1);
    const peer = [...docker.containers.values()][0]!;
    const volume = [...docker.volumes.keys()][0]!;
    peer.exit(137); // killed, out of memory, or its 15 minutes without a config ran out
    await until(() => !docker.containers.has(peer.id) && !docker.volumes.has(volume));
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

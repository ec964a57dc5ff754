import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { gradeSubmission } from '../../grader/run-submission.js';
import { requireRunImages } from '../../grader/sandbox/run-images.js';
import { WarmPodPool } from '../../grader/sandbox/warm-pod-pool.js';
import { readSubmissionDir } from '../../grader/submission-files.js';
import { distDir, dockerForTests, fixturesDir, sockgradeLeftovers } from './harness.js';

const docker = await dockerForTests();
const images = await requireRunImages(docker, distDir, 'python');
const pool = new WarmPodPool({ docker, peerImage: images.peer, size: 1 });

afterAll(async () => {
  await pool.close();
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

async function grade(assignmentId: string, caseName: string) {
  const assignment = getAssignment(assignmentId)!;
  const files = await readSubmissionDir(resolve(fixturesDir, assignmentId, caseName));
  const deadline = Date.now() + 20_000;
  while (pool.readyCount === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(pool.readyCount).toBe(1);
  return gradeSubmission({ docker, assignment, files, images, pool });
}

describe('grading in pods booted ahead of time', () => {
  it('grades server and client assignments with the same scores as fresh pods', async () => {
    pool.start();
    expect((await grade('echo-tcp-server', 'correct')).score).toBe(100);
    expect((await grade('echo-tcp-server', 'course')).score).toBe(90);
    expect((await grade('echo-udp-client', 'prints-bytes')).score).toBe(45);
    // A hostile run in a warm pod does not spoil the next one.
    expect((await grade('echo-tcp-server', 'memory-bomb')).score).toBe(0);
    expect((await grade('echo-tcp-server', 'correct')).score).toBe(100);
  });

  it('removes its ready pods on close and gives none out afterwards', async () => {
    await pool.close();
    expect(pool.readyCount).toBe(0);
    expect(pool.take([], images.peer)).toBeUndefined();
    expect(await sockgradeLeftovers(docker)).toEqual([]);
  });

  it('retires an idle pod on its timer and removes a pod whose peer stopped, volumes included (issue #13 item 6)', async () => {
    const idle = new WarmPodPool({ docker, peerImage: images.peer, size: 1, maxIdleMs: 1_500, idleCheckMs: 200 });
    const exists = async (kind: 'container' | 'volume', id: string) => {
      try {
        await (kind === 'container' ? docker.getContainer(id).inspect() : docker.getVolume(id).inspect());
        return true;
      } catch {
        return false;
      }
    };
    const waitFor = async (condition: () => Promise<boolean>) => {
      const deadline = Date.now() + 30_000;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      idle.start();
      await waitFor(async () => idle.readyCount === 1);
      const first = idle['ready'][0]!.pod;
      expect(await exists('volume', first['volumeName'])).toBe(true);
      // No run comes: the timer alone retires it (and boots a replacement).
      await waitFor(async () => !(await exists('container', first.peer.container.id)));
      expect(await exists('volume', first['volumeName'])).toBe(false);
      await waitFor(async () => idle.readyCount === 1);
      // The replacement's peer dies while it waits: its pod goes at once, volume included.
      const second = idle['ready'][0]!.pod;
      expect(second.peer.container.id).not.toBe(first.peer.container.id);
      await docker.getContainer(second.peer.container.id).kill();
      await waitFor(async () => !(await exists('container', second.peer.container.id)));
      await waitFor(async () => !(await exists('volume', second['volumeName'])));
    } finally {
      await idle.close();
    }
    expect(await sockgradeLeftovers(docker)).toEqual([]);
  }, 90_000);
});

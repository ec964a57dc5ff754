import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { gradeSubmission } from '../../grader/run-submission.js';
import { requireRunImages } from '../../grader/sandbox/run-images.js';
import { currentOwner } from '../../grader/sandbox/labels.js';
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

const keptPodFixtures = resolve(fixturesDir, '../kept-pod');

function grade(assignmentId: string, caseName: string) {
  return gradeFolder(assignmentId, resolve(fixturesDir, assignmentId, caseName));
}

async function gradeFolder(assignmentId: string, folder: string) {
  const assignment = getAssignment(assignmentId)!;
  const files = await readSubmissionDir(folder);
  const deadline = Date.now() + 20_000;
  while (pool.readyCount === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(pool.readyCount).toBe(1);
  return gradeSubmission({ docker, assignment, files, images, pool });
}

const peerIds = async () => (await docker.listContainers({ all: true, filters: { label: ['sockgrade.role=peer', `sockgrade.owner=${currentOwner()}`] } })).map((c) => c.Id);

describe('grading in pods booted ahead of time', () => {
  it('grades server and client assignments with the same scores as fresh pods, one peer serving run after run', async () => {
    pool.start();
    const served: string[] = [];
    const gradeAndNote = async (assignmentId: string, caseName: string) => {
      const deadline = Date.now() + 20_000;
      while (pool.readyCount === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const peers = await peerIds();
      expect(peers).toHaveLength(1);
      served.push(peers[0]!);
      return (await grade(assignmentId, caseName)).score;
    };
    expect(await gradeAndNote('echo-tcp-server', 'correct')).toBe(100);
    expect(await gradeAndNote('echo-tcp-server', 'course')).toBe(90);
    expect(await gradeAndNote('echo-udp-client', 'prints-bytes')).toBe(45);
    // Hostile runs in a kept pod do not spoil the next one: a memory bomb, a flood of
    // output, a client flooding the mock server, a server that holds its socket and never
    // answers, and one that binds a fixed port (which the next student binds again).
    expect(await gradeAndNote('echo-tcp-server', 'memory-bomb')).toBe(0);
    expect(await gradeAndNote('echo-tcp-server', 'stdout-flood')).toBe(100);
    expect(await gradeAndNote('echo-tcp-client', 'floods')).toBe(0);
    expect(await gradeAndNote('echo-tcp-server', 'never-answers')).toBe(0);
    expect(await gradeAndNote('echo-tcp-server', 'course')).toBe(90);
    // A fixed port without SO_REUSEADDR, closed first by the server: free again for the next run.
    expect((await gradeFolder('echo-tcp-server', resolve(keptPodFixtures, 'fixed-port'))).score).toBe(100);
    expect((await gradeFolder('echo-tcp-server', resolve(keptPodFixtures, 'fixed-port'))).score).toBe(100);
    expect(await gradeAndNote('echo-tcp-server', 'correct')).toBe(100);
    // The clean runs handed their peer on: fewer peers than runs (a run cut short retires its pod).
    expect(new Set(served).size).toBeLessThan(served.length);
    expect(served[1]).toBe(served[0]);
    expect(served.at(-1)).toBe(served.at(-2));
  }, 240_000);

  it('removes its ready pods on close and gives none out afterwards', async () => {
    await pool.close();
    expect(pool.readyCount).toBe(0);
    expect(pool.take([], images.peer)).toBeUndefined();
    expect(await sockgradeLeftovers(docker)).toEqual([]);
  });

  it('retires an idle pod on its timer and removes a pod whose peer stopped (issue #13 item 6)', async () => {
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
      // No run comes: the timer alone retires it (and boots a replacement).
      await waitFor(async () => !(await exists('container', first.peer.container.id)));
      await waitFor(async () => idle.readyCount === 1);
      // The replacement's peer dies while it waits: its pod goes at once.
      const second = idle['ready'][0]!.pod;
      expect(second.peer.container.id).not.toBe(first.peer.container.id);
      await docker.getContainer(second.peer.container.id).kill();
      await waitFor(async () => !(await exists('container', second.peer.container.id)));
    } finally {
      await idle.close();
    }
    expect(await sockgradeLeftovers(docker)).toEqual([]);
  }, 90_000);
});

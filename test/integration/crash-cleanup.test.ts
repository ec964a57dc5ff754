import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../grader/sandbox/labels.js';
import { reapOrphans } from '../../grader/sandbox/reaper.js';
import { dockerForTests, fixturesDir, repoDir, sockgradeLeftovers } from './harness.js';

describe('a grader process killed with SIGKILL mid-run', () => {
  it('leaves containers that the next start sweeps, while a live owner’s are kept', async () => {
    const docker = await dockerForTests();
    const child = spawn('node', [resolve(repoDir, 'bin/sockgrade.js'), 'grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/never-answers')], {
      stdio: 'ignore',
      // A pod of its own (not one kept by an earlier run), removed with the rest: a kept
      // pod's peer retires by itself instead (kept-pods.test.ts).
      env: { ...process.env, SOCKGRADE_KEEP_POD_SECONDS: '0' },
    });
    const owner = `${(await import('node:os')).hostname()}/${child.pid}`;
    // Wait until its pod has a student container running: the run is mid-grade.
    const deadline = Date.now() + 60_000;
    let seen = 0;
    while (Date.now() < deadline) {
      const mine = await docker.listContainers({ all: true, filters: { label: [`${LABELS.owner}=${owner}`, `${LABELS.role}=student`] } });
      if (mine.length > 0) {
        seen = mine.length;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe(1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const left = await docker.listContainers({ all: true, filters: { label: [`${LABELS.owner}=${owner}`] } });
    // The loader that carried the files in is removed while the program starts: the kill
    // may come before that removal did, and Docker may finish it after the kill, so
    // loaders are left out of the counts.
    const roles = left.map((c) => c.Labels[LABELS.role]);
    expect(roles.filter((role) => role === 'loader').length).toBeLessThanOrEqual(1);
    expect(roles.filter((role) => role !== 'loader').sort()).toEqual(['peer', 'student']);
    const withoutLoaders = async () => (await sockgradeLeftovers(docker, owner)).filter((entry) => !entry.includes('-loader'));
    // A reaper that believes every owner alive removes nothing…
    expect(await reapOrphans(docker, { isAlive: () => true })).toBe(0);
    expect(await withoutLoaders()).toHaveLength(3);
    // …the real one sees the dead pid and removes the containers and the run's volume
    // (and whatever other dead processes on this machine left: hence at least 3).
    expect(await reapOrphans(docker)).toBeGreaterThanOrEqual(3);
    expect(await sockgradeLeftovers(docker, owner)).toEqual([]);
  });
});

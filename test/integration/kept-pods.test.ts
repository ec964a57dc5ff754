import { execFile, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../grader/sandbox/labels.js';
import { reapOrphans } from '../../grader/sandbox/reaper.js';
import { dockerForTests, fixturesDir, repoDir, sockgradeLeftovers } from './harness.js';

const run = promisify(execFile);
const bin = resolve(repoDir, 'bin/sockgrade.js');
const keptPodFixtures = resolve(repoDir, 'test/fixtures/kept-pod');

/** `sockgrade grade … --json --verbose` as a user runs it; the report and the run's log. */
async function grade(assignment: string, dir: string, keepSeconds: number): Promise<{ score: number; log: string; pid: number }> {
  const child = run('node', [bin, 'grade', assignment, dir, '--json', '--verbose'], {
    env: { ...process.env, SOCKGRADE_KEEP_POD_SECONDS: String(keepSeconds) },
    timeout: 120_000,
  });
  const { stdout, stderr } = await child;
  return { score: JSON.parse(stdout).score, log: stderr, pid: child.child.pid! };
}

/** The pod id a run's log names as kept (`kept pod <id> for …`), else null. */
const keptIn = (log: string) => /kept pod ([a-z0-9]+) for/.exec(log)?.[1] ?? null;

async function peerNamed(docker: Dockerode, pattern: RegExp): Promise<Dockerode.ContainerInfo | undefined> {
  const peers = await docker.listContainers({ all: true, filters: { label: [`${LABELS.role}=peer`] } });
  return peers.find((info) => info.Names.some((name) => pattern.test(name)));
}

async function waitUntil(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return condition();
}

describe('sockgrade grade keeps its pod for the next sockgrade grade (issue #11)', () => {
  it('the next process grades in the same peer with exact scores, a fixed port binding again', async () => {
    const docker = await dockerForTests();
    // A fresh pod, or one an earlier `sockgrade grade` on this machine kept (cli.test.ts's,
    // for the default 300 s: kept now for 600 s, this one is the furthest from its end).
    const first = await grade('echo-tcp-server', resolve(keptPodFixtures, 'fixed-port'), 600);
    expect(first.score).toBe(100);
    expect(first.log).toMatch(/pod ready \((fresh|reused)\)/);
    const podId = keptIn(first.log);
    expect(podId).not.toBeNull();
    // Between the processes: the peer alone, running under its kept name; nothing of the run.
    const kept = await peerNamed(docker, new RegExp(`^/sockgrade-${podId}-kept-\\d+$`));
    expect(kept?.State).toBe('running');
    expect((await sockgradeLeftovers(docker, `${hostname()}/${first.pid}`)).filter((entry) => entry !== `container ${kept!.Names[0]}`)).toEqual([]);
    // `sockgrade pods` lists it (`pods stop` would remove every kept pod on the engine).
    expect((await run('node', [bin, 'pods'])).stdout).toMatch(new RegExp(`^${podId} {2}ends in \\d+ s {2}\\(sockgrade-peer:`, 'm'));

    // The pod furthest from its end is claimed first: this one. The student's fixed port,
    // closed by the last student a moment ago, binds again in the same namespace.
    const second = await grade('echo-tcp-server', resolve(keptPodFixtures, 'fixed-port'), 600);
    expect(second.log).toContain(`claimed kept pod ${podId}`);
    expect(second.log).toContain('pod ready (reused)');
    expect(second.score).toBe(100);
    expect(keptIn(second.log)).toBe(podId);
    // Keeping off (SOCKGRADE_KEEP_POD_SECONDS=0): a fresh pod, removed after the run.
    const third = await grade('echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/lowercase'), 0);
    expect(third.log).toContain('pod ready (fresh)');
    expect(third.score).toBe(0);
    expect(keptIn(third.log)).toBeNull();
    expect(await sockgradeLeftovers(docker, `${hostname()}/${third.pid}`)).toEqual([]);
    // Not left for two minutes on the test machine.
    const stillKept = await peerNamed(docker, new RegExp(`^/sockgrade-${podId}-kept-`));
    expect(stillKept?.State).toBe('running');
    await docker.getContainer(stillKept!.Id).remove({ force: true });
  });

  it('a kept pod nobody claims ends by itself when its time is up, and Docker removes it', async () => {
    const docker = await dockerForTests();
    const graded = await grade('echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/correct'), 2);
    expect(graded.score).toBe(100);
    const podId = keptIn(graded.log);
    expect(podId).not.toBeNull();
    expect(await waitUntil(async () => (await peerNamed(docker, new RegExp(`^/sockgrade-${podId}-`))) === undefined, 30_000)).toBe(true);
  });

  it('a pod whose process was killed mid-run: the next start reaps the run, the peer retires itself', async () => {
    const docker = await dockerForTests();
    const child = spawn('node', [bin, 'grade', 'echo-tcp-server', resolve(fixturesDir, 'echo-tcp-server/never-answers')], {
      stdio: 'ignore',
      env: { ...process.env, SOCKGRADE_KEEP_POD_SECONDS: '120' },
    });
    const owner = `${hostname()}/${child.pid}`;
    let student: Dockerode.ContainerInfo | undefined;
    // Mid-run: the student's server running (its container is made before the peer starts).
    await waitUntil(async () => {
      [student] = await docker.listContainers({ all: false, filters: { label: [`${LABELS.owner}=${owner}`, `${LABELS.role}=student`] } });
      return student !== undefined;
    }, 60_000);
    expect(student).toBeDefined();
    // The student's container joins its pod's peer, whichever process made that peer.
    const peerId = (await docker.getContainer(student!.Id).inspect()).HostConfig.NetworkMode.replace(/^container:/, '');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await reapOrphans(docker);
    expect(await sockgradeLeftovers(docker, owner).then((left) => left.filter((entry) => !entry.includes('-peer')))).toEqual([]);
    // The peer (kept for whoever claims it next) is left to end by itself: its run ends,
    // no reset comes within 30 s, it exits and Docker removes it.
    const peerGone = async () => (await docker.listContainers({ all: true, filters: { id: [peerId] } })).length === 0;
    expect(await waitUntil(peerGone, 150_000)).toBe(true);
  });
});

/**
 * `npm run bench`: how much a sandbox pod costs beyond the tests' own work.
 *
 * Grades the correct echo-tcp-server fixture N times in each of three ways: with a fresh
 * pod per run (`SOCKGRADE_KEEP_POD_SECONDS=0`), with a pod kept between runs as
 * `sockgrade grade` keeps it (each run claims it back from Docker as a new process does),
 * and with a warm-pod pool (what a long-running worker does); in the same run it starts a
 * bare `docker run --rm <student image> true` N times as the baseline. Prints p50/p95 of
 * each, the tests' own time (what the peer measured per test), and the ratio (grading run
 * − tests' time) / bare container run (issue #11 target: ≤ 1.5×). Then runs the command
 * `sockgrade grade` itself N times as a user does, start to exit (target: p50 ≤ 1.5 s).
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { getAssignment } from '../checks/index.js';
import { gradeSubmission } from '../grader/run-submission.js';
import { connectDocker } from '../grader/sandbox/docker-connection.js';
import { KeptPods } from '../grader/sandbox/kept-pods.js';
import { LABELS } from '../grader/sandbox/labels.js';
import type { PodLender } from '../grader/sandbox/pod-lender.js';
import { requireRunImages, type RunImages } from '../grader/sandbox/run-images.js';
import { WarmPodPool } from '../grader/sandbox/warm-pod-pool.js';
import type { SubmissionFiles } from '../grader/submission-files.js';
import type { AssignmentDefinition } from '../checks/types.js';
import { readSubmissionDir } from '../grader/submission-files.js';
import { readMachineCpu } from '../grader/timings/index.js';
import { cgroupCpuMs, dockerDaemonsCpuMs, removeCgroup } from './pod-cpu.js';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(here, '..');
const repoDir = resolve(distDir, '..');
const runs = Number(process.env.BENCH_RUNS ?? 10);

/** Each series' containers under a cgroup of their own: their CPU, apart from the rest of a shared machine. */
const cgroups = {
  bare: `sockgrade-bench-${process.pid}-bare`,
  cold: `sockgrade-bench-${process.pid}-fresh`,
  kept: `sockgrade-bench-${process.pid}-kept`,
  warm: `sockgrade-bench-${process.pid}-warm`,
};

async function bareRun(docker: Dockerode, image: string): Promise<number> {
  const started = performance.now();
  const container = await docker.createContainer({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none', CgroupParent: cgroups.bare } });
  await container.start();
  await container.wait();
  await container.remove({ force: true });
  return performance.now() - started;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

async function main(): Promise<void> {
  const assignment = getAssignment('echo-tcp-server');
  if (!assignment) throw new Error('echo-tcp-server is not registered');
  const docker = await connectDocker();
  const images = await requireRunImages(docker, distDir, assignment.runtime.image);
  const fixture = resolve(repoDir, 'test/fixtures/submissions/echo-tcp-server/correct');
  const files = await readSubmissionDir(fixture);
  if ('problem' in files) throw new Error(files.problem);
  console.log(`sockgrade bench: ${runs} runs each: bare container (before and after), echo-tcp-server/correct with a fresh pod, with sockgrade grade's kept pod, with a warm-pod pool; then the command sockgrade grade`);
  console.log(`fixture files: ${(await readdir(fixture)).join(', ')}`);

  await bareRun(docker, images.student); // warm-up: page cache, image layers
  const bare: number[] = [];
  const bareCpu = machineCpuMeter();
  for (let i = 0; i < runs; i++) bare.push(await bareRun(docker, images.student));
  bareCpu.pause();
  const coldCpu = machineCpuMeter();
  const cold = await gradingSeries(docker, assignment, files, images, undefined, cgroups.cold);
  coldCpu.pause();
  // As `sockgrade grade` does: its first run makes the pod, each later one claims it back.
  const keptBefore = await keptPodIds(docker);
  const keptCpu = machineCpuMeter();
  const keptPods = new KeptPods({ client: docker, keepMs: 60_000, cgroupParent: cgroups.kept });
  const kept = await gradingSeries(docker, assignment, files, images, keptPods, cgroups.kept);
  keptCpu.pause();
  // The warm series' CPU includes booting each pod (the pool's refill): a worker pays it too.
  const warmCpu = machineCpuMeter();
  const pool = new WarmPodPool({ docker, peerImage: images.peer, size: 1, cgroupParent: cgroups.warm });
  pool.start();
  const warm = await gradingSeries(docker, assignment, files, images, pool, cgroups.warm);
  await pool.close();
  warmCpu.pause();
  // The bare runs once more, after the grading runs: the baseline must not drift.
  bareCpu.resume();
  for (let i = 0; i < runs; i++) bare.push(await bareRun(docker, images.student));
  bareCpu.pause();
  const command = await commandSeries(fixture);
  await removeKeptPods(docker, keptBefore);

  const bareP50 = percentile(bare, 50);
  console.log('');
  console.log(`                                       p50        p95`);
  console.log(`bare docker run                    ${fmt(bareP50)}  ${fmt(percentile(bare, 95))}`);
  const paths = [
    ['fresh pod per run', cold, coldCpu, cgroups.cold],
    ['kept pod (sockgrade grade)', kept, keptCpu, cgroups.kept],
    ['warm-pod pool (worker)', warm, warmCpu, cgroups.warm],
  ] as const;
  for (const [name, series] of paths) {
    console.log(`${name.padEnd(34)} ${fmt(percentile(series.total, 50))}  ${fmt(percentile(series.total, 95))}`);
    console.log(`  tests' own work                  ${fmt(percentile(series.testsOwn, 50))}  ${fmt(percentile(series.testsOwn, 95))}`);
    console.log(`  pod overhead                     ${fmt(percentile(series.overhead, 50))}  ${fmt(percentile(series.overhead, 95))}`);
  }
  console.log('');
  for (const [name, series] of paths) {
    const ratio = percentile(series.overhead, 50) / bareP50;
    console.log(`${name}: pod overhead / bare docker run (p50) = ${ratio.toFixed(2)}×  (target ≤ 1.5×)`);
  }
  console.log('');
  const nodeP50 = percentile(command.node, 50);
  console.log(`the command, start to exit (${runs} runs after a warm-up):      p50        p95`);
  console.log(`  node -e 0 (Node's own start-up)   ${fmt(nodeP50)}  ${fmt(percentile(command.node, 95))}`);
  console.log(`  sockgrade grade (its kept pod)    ${fmt(percentile(command.grade, 50))}  ${fmt(percentile(command.grade, 95))}  = ${(percentile(command.grade, 50) / bareP50).toFixed(1)}× a bare docker run  (target p50 ≤ 1500 ms)`);
  console.log('');
  const perBare = bareCpu.seconds() / bare.length;
  console.log(`CPU of the whole machine (/proc/stat busy time, dockerd and containerd included) per run:`);
  console.log(`  bare docker run                   ${perBare.toFixed(2)} CPU-s`);
  for (const [name, , meter] of paths) {
    const perRun = meter.seconds() / runs;
    console.log(`  ${name.padEnd(32)}  ${perRun.toFixed(2)} CPU-s = ${(perRun / perBare).toFixed(1)}× a bare run  (target ≤ 1.0 CPU-s)`);
  }
  console.log(`  (the machine is shared: other work running meanwhile counts too; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')})`);
  console.log(`CPU of the run's own containers (their cgroup: runc init, docker-init, the peer's node, python) + dockerd and containerd (shared with any other Docker user) per run:`);
  const bareOwn = (cgroupCpuMs(cgroups.bare) ?? NaN) / 1000 / bare.length;
  const bareDaemons = bareCpu.daemonSeconds() / bare.length;
  console.log(`  bare docker run                   ${bareOwn.toFixed(2)} + ${bareDaemons.toFixed(2)} CPU-s`);
  for (const [name, , meter, cgroup] of paths) {
    const own = (cgroupCpuMs(cgroup) ?? NaN) / 1000 / runs;
    const daemons = meter.daemonSeconds() / runs;
    console.log(`  ${name.padEnd(32)}  ${own.toFixed(2)} + ${daemons.toFixed(2)} = ${(own + daemons).toFixed(2)} CPU-s = ${((own + daemons) / (bareOwn + bareDaemons)).toFixed(1)}× a bare run`);
  }
  for (const cgroup of Object.values(cgroups)) removeCgroup(cgroup);
}

/** Busy CPU-seconds of the whole machine while running (pause/resume to leave stretches out). */
function machineCpuMeter() {
  let total = 0;
  let daemons = 0;
  let since = readMachineCpu()?.busyMs ?? NaN;
  let daemonsSince = dockerDaemonsCpuMs();
  return {
    pause() {
      total += (readMachineCpu()?.busyMs ?? NaN) - since;
      daemons += dockerDaemonsCpuMs() - daemonsSince;
      since = NaN;
    },
    resume() {
      since = readMachineCpu()?.busyMs ?? NaN;
      daemonsSince = dockerDaemonsCpuMs();
    },
    seconds: () => total / 1000,
    daemonSeconds: () => daemons / 1000,
  };
}

interface Series {
  total: number[];
  testsOwn: number[];
  overhead: number[];
}

async function gradingSeries(
  docker: Dockerode,
  assignment: AssignmentDefinition,
  files: SubmissionFiles,
  images: RunImages,
  pool: PodLender | undefined,
  cgroupParent: string,
): Promise<Series> {
  const series: Series = { total: [], testsOwn: [], overhead: [] };
  for (let i = 0; i < runs; i++) {
    // Let the pool finish its refill, as it does between a worker's jobs.
    if (pool instanceof WarmPodPool) await waitFor(() => pool.readyCount > 0, 10_000);
    let testMs = 0;
    const started = performance.now();
    const report = await gradeSubmission({
      docker,
      assignment,
      files,
      images,
      ...(pool ? { pool } : {}),
      cgroupParent,
      progress: { onTestResult: (result) => (testMs += result.durationMs) },
    });
    const total = performance.now() - started;
    if (report.score !== report.maxScore) throw new Error(`correct fixture scored ${report.score}/${report.maxScore}`);
    series.total.push(total);
    series.testsOwn.push(testMs);
    series.overhead.push(total - testMs);
  }
  return series;
}

/** `sockgrade grade` as a user runs it (its pod kept between runs), and `node -e 0` for Node's own share. */
async function commandSeries(fixture: string): Promise<{ grade: number[]; node: number[] }> {
  const bin = resolve(repoDir, 'bin/sockgrade.js');
  const env = { ...process.env, SOCKGRADE_KEEP_POD_SECONDS: '60' };
  const timed = async (args: string[]) => {
    const started = performance.now();
    await new Promise<void>((resolveRun, reject) => execFile('node', args, { env }, (error) => (error ? reject(error) : resolveRun())));
    return performance.now() - started;
  };
  const grade = [bin, 'grade', 'echo-tcp-server', fixture];
  await timed(grade); // warm-up: makes the pod the others claim
  const series = { grade: [] as number[], node: [] as number[] };
  for (let i = 0; i < runs; i++) {
    series.grade.push(await timed(grade));
    series.node.push(await timed(['-e', '0']));
  }
  return series;
}

/** Kept pods now running (their ids), to tell the bench's own from others'. */
async function keptPodIds(docker: Dockerode): Promise<Set<string>> {
  const listed = await docker.listContainers({ filters: { label: [LABELS.keep] } });
  return new Set(listed.map((info) => info.Id));
}

/** Removes the pods the bench kept (they would end by themselves a minute later). */
async function removeKeptPods(docker: Dockerode, before: Set<string>): Promise<void> {
  const now = await keptPodIds(docker);
  await Promise.all([...now].filter((id) => !before.has(id)).map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

await main();

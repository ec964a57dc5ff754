/**
 * `npm run bench`: how much a sandbox pod costs beyond the tests' own work.
 *
 * Grades the correct echo-tcp-server fixture N times with a fresh pod per run (what
 * `sockgrade grade` does) and N times with a warm-pod pool (what a long-running worker
 * does), and in the same run starts a bare `docker run --rm <student image> true` N times
 * as the baseline. Prints p50/p95 of each, the tests' own time (what the peer measured
 * per test), and the ratio (grading run − tests' time) / bare container run. Target: < 2×.
 */
import { readdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { getAssignment } from '../checks/index.js';
import { gradeSubmission } from '../grader/run-submission.js';
import { connectDocker } from '../grader/sandbox/docker-connection.js';
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
const cgroups = { bare: `sockgrade-bench-${process.pid}-bare`, cold: `sockgrade-bench-${process.pid}-fresh`, warm: `sockgrade-bench-${process.pid}-warm` };

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
  console.log(`sockgrade bench: ${runs} runs each: bare container (before and after), echo-tcp-server/correct with a fresh pod, with a warm-pod pool`);
  console.log(`fixture files: ${(await readdir(fixture)).join(', ')}`);

  await bareRun(docker, images.student); // warm-up: page cache, image layers
  const bare: number[] = [];
  const bareCpu = machineCpuMeter();
  for (let i = 0; i < runs; i++) bare.push(await bareRun(docker, images.student));
  bareCpu.pause();
  const coldCpu = machineCpuMeter();
  const cold = await gradingSeries(docker, assignment, files, images, undefined, cgroups.cold);
  coldCpu.pause();
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

  const bareP50 = percentile(bare, 50);
  console.log('');
  console.log(`                                       p50        p95`);
  console.log(`bare docker run                    ${fmt(bareP50)}  ${fmt(percentile(bare, 95))}`);
  for (const [name, series] of [['fresh pod per run (CLI)', cold], ['warm-pod pool (worker)', warm]] as const) {
    console.log(`${name.padEnd(34)} ${fmt(percentile(series.total, 50))}  ${fmt(percentile(series.total, 95))}`);
    console.log(`  tests' own work                  ${fmt(percentile(series.testsOwn, 50))}  ${fmt(percentile(series.testsOwn, 95))}`);
    console.log(`  pod overhead                     ${fmt(percentile(series.overhead, 50))}  ${fmt(percentile(series.overhead, 95))}`);
  }
  console.log('');
  for (const [name, series] of [['fresh pod', cold], ['warm pool', warm]] as const) {
    const ratio = percentile(series.overhead, 50) / bareP50;
    console.log(`${name}: pod overhead / bare docker run (p50) = ${ratio.toFixed(2)}×  (target ≤ 1.5×)`);
  }
  console.log('');
  const perBare = bareCpu.seconds() / bare.length;
  console.log(`CPU of the whole machine (/proc/stat busy time, dockerd and containerd included) per run:`);
  console.log(`  bare docker run                   ${perBare.toFixed(2)} CPU-s`);
  for (const [name, meter] of [['fresh pod per run (CLI)', coldCpu], ['warm-pod pool (worker)', warmCpu]] as const) {
    const perRun = meter.seconds() / runs;
    console.log(`  ${name.padEnd(32)}  ${perRun.toFixed(2)} CPU-s = ${(perRun / perBare).toFixed(1)}× a bare run  (target ≤ 1.0 CPU-s)`);
  }
  console.log(`  (the machine is shared: other work running meanwhile counts too; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')})`);
  console.log(`CPU of the run's own containers (their cgroup: runc init, docker-init, the peer's node, python) + dockerd and containerd (shared with any other Docker user) per run:`);
  const bareOwn = (cgroupCpuMs(cgroups.bare) ?? NaN) / 1000 / bare.length;
  const bareDaemons = bareCpu.daemonSeconds() / bare.length;
  console.log(`  bare docker run                   ${bareOwn.toFixed(2)} + ${bareDaemons.toFixed(2)} CPU-s`);
  for (const [name, meter, cgroup] of [['fresh pod per run (CLI)', coldCpu, cgroups.cold], ['warm-pod pool (worker)', warmCpu, cgroups.warm]] as const) {
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
  pool: WarmPodPool | undefined,
  cgroupParent: string,
): Promise<Series> {
  const series: Series = { total: [], testsOwn: [], overhead: [] };
  for (let i = 0; i < runs; i++) {
    // Let the pool finish its refill, as it does between a worker's jobs.
    if (pool) await waitFor(() => pool.readyCount > 0, 10_000);
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

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

await main();

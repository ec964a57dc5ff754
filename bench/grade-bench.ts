/**
 * `npm run bench`: how much a sandbox pod costs beyond the tests' own work.
 *
 * Grades the correct echo-tcp-server fixture N times and, in the same run, starts a bare
 * `docker run --rm <student image> true` N times as the baseline. Prints p50/p95 of both,
 * the tests' own time (what the peer measured per test), and the ratio
 * (grading run − tests' time) / bare container run. Target: under 2×.
 */
import { readdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { getAssignment } from '../checks/index.js';
import { gradeSubmission } from '../grader/run-submission.js';
import { connectDocker } from '../grader/sandbox/docker-connection.js';
import { requireRunImages } from '../grader/sandbox/run-images.js';
import { readSubmissionDir } from '../grader/submission-files.js';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(here, '..');
const repoDir = resolve(distDir, '..');
const runs = Number(process.env.BENCH_RUNS ?? 10);

async function bareRun(docker: Dockerode, image: string): Promise<number> {
  const started = performance.now();
  const container = await docker.createContainer({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
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
  console.log(`sockgrade bench: ${runs} grading runs of echo-tcp-server/correct and ${runs} bare container runs`);
  console.log(`fixture files: ${(await readdir(fixture)).join(', ')}`);

  await bareRun(docker, images.student); // warm-up: page cache, image layers
  const bare: number[] = [];
  const grading: number[] = [];
  const testsOwn: number[] = [];
  const overhead: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await bareRun(docker, images.student));
    let testMs = 0;
    const started = performance.now();
    const report = await gradeSubmission({
      docker,
      assignment,
      files,
      images,
      progress: { onTestResult: (result) => (testMs += result.durationMs) },
    });
    const total = performance.now() - started;
    if (report.score !== report.maxScore) throw new Error(`correct fixture scored ${report.score}/${report.maxScore}`);
    grading.push(total);
    testsOwn.push(testMs);
    overhead.push(total - testMs);
  }
  const bareP50 = percentile(bare, 50);
  console.log('');
  console.log(`                         p50        p95`);
  console.log(`bare docker run      ${fmt(bareP50)}  ${fmt(percentile(bare, 95))}`);
  console.log(`whole grading run    ${fmt(percentile(grading, 50))}  ${fmt(percentile(grading, 95))}`);
  console.log(`  tests' own work    ${fmt(percentile(testsOwn, 50))}  ${fmt(percentile(testsOwn, 95))}`);
  console.log(`  pod overhead       ${fmt(percentile(overhead, 50))}  ${fmt(percentile(overhead, 95))}`);
  console.log('');
  const ratio = percentile(overhead, 50) / bareP50;
  console.log(`pod overhead / bare docker run (p50): ${ratio.toFixed(2)}×  (target < 2×)`);
  console.log(`whole grading run / bare docker run (p50): ${(percentile(grading, 50) / bareP50).toFixed(2)}×`);
}

await main();

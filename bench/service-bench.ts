/**
 * `npm run bench:service`: a class at the deadline. 200 students (`--count`) hand in the
 * echo-tcp-server assignment at the same moment over the HTTP API of a running service
 * (private Redis, fresh SQLite, in-process worker of `--concurrency` runs); a mix of
 * correct, wrong and hanging servers. Prints: all graded exactly once with the fixture's
 * exact score, throughput per minute, p50/p95/max upload-to-score latency; and the same
 * for grading one by one with `sockgrade grade` (a stratified sample, extrapolated) as the
 * baseline. Targets on the 2-core machine: ≥ 60 /min and ≥ 1.5× the one-by-one throughput.
 * Exit 1 when a submission is lost, graded twice or scored wrong, or a container is left.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDocker } from '../grader/sandbox/docker-connection.js';
import type Dockerode from 'dockerode';
import { BenchUsageError, parseBenchOptions, type BenchOptions } from './service-bench/bench-options.js';
import { benchLeftovers } from './service-bench/leftovers.js';
import { measureService } from './service-bench/measure-service.js';
import { gradeOneByOne } from './service-bench/one-by-one.js';
import { machineLine, mixLine, printResults, printSweep, type SweepRow } from './service-bench/print-results.js';
import { ASSIGNMENT, describeCounts, loadCases, mixedSequence, type SubmissionCase } from './service-bench/submission-mix.js';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(here, '..');
const repoDir = resolve(distDir, '..');

const report = (line: string) => console.log(`  ${line}`);

async function main(): Promise<number> {
  const opts = parseBenchOptions(process.argv.slice(2), process.env);
  const cases = await loadCases(resolve(repoDir, 'test/fixtures/submissions'));
  const sequence = mixedSequence(cases, opts.count, opts.seed);
  const docker = await connectDocker();
  const cancel = new AbortController();
  process.once('SIGINT', () => cancel.abort());

  console.log(`sockgrade service bench: ${opts.count} submissions of ${ASSIGNMENT} at once (${describeCounts(sequence)})`);
  console.log(`mix: ${mixLine(cases)}; order shuffled with seed ${opts.seed}`);
  console.log(`machine: ${machineLine()}`);
  if (opts.sweep.length > 0) return sweepConcurrency(opts, sequence, docker, cancel.signal);
  console.log(`service: in-process worker concurrency ${opts.concurrency}, private redis-server, fresh SQLite`);
  const service = await measureService({ ...opts, distDir, signal: cancel.signal, report }, sequence);

  let oneByOne = null;
  if (opts.baselineSample > 0 && !cancel.signal.aborted) {
    const sample = mixedSequence(cases, opts.baselineSample, opts.seed, { everyKind: true });
    console.log(`one by one: ${sample.length} runs of \`sockgrade grade --json\` (${describeCounts(sample)})`);
    oneByOne = await gradeOneByOne(sample, { sockgradeBin: resolve(repoDir, 'bin/sockgrade.js'), signal: cancel.signal, report });
  }
  const leftovers = await benchLeftovers(docker, oneByOne?.runs.map((run) => run.pid) ?? []);
  printResults(sequence, service, oneByOne);
  console.log(`machine after the run: ${machineLine()}`);

  const problems = [
    ...service.lost.map((line) => `lost: ${line}`),
    ...service.duplicated.map((line) => `duplicated: ${line}`),
    ...service.wrongScores.map((line) => `service score: ${line}`),
    ...(oneByOne?.wrongScores ?? []).map((line) => `one-by-one score: ${line}`),
    ...leftovers.map((line) => `left behind: ${line}`),
    ...(cancel.signal.aborted ? ['interrupted'] : []),
  ];
  if (problems.length === 0) return 0;
  console.log(`\nFAILED (${problems.length}):\n  ${problems.slice(0, 30).join('\n  ')}`);
  return 1;
}

/**
 * The same burst once per concurrency of `--sweep`, each in a fresh service: which number
 * of runs at once this machine grades fastest, and at what CPU per grading.
 */
async function sweepConcurrency(opts: BenchOptions, sequence: SubmissionCase[], docker: Dockerode, signal: AbortSignal): Promise<number> {
  const rows: SweepRow[] = [];
  const problems: string[] = [];
  for (const concurrency of opts.sweep) {
    if (signal.aborted) break;
    console.log(`\nconcurrency ${concurrency}:`);
    const service = await measureService({ ...opts, concurrency, distDir, signal, report }, sequence);
    rows.push({ concurrency, service });
    problems.push(...[...service.lost, ...service.duplicated, ...service.wrongScores].map((line) => `concurrency ${concurrency}: ${line}`));
  }
  problems.push(...(await benchLeftovers(docker, [])).map((line) => `left behind: ${line}`));
  printSweep(rows);
  console.log(`machine after the run: ${machineLine()}`);
  if (problems.length === 0) return 0;
  console.log(`\nFAILED (${problems.length}):\n  ${problems.slice(0, 30).join('\n  ')}`);
  return 1;
}

try {
  // Explicit exit: a Redis client of the stopped service may still hold a reconnect timer.
  process.exit(await main());
} catch (error) {
  console.error(error instanceof BenchUsageError ? error.message : error);
  process.exit(1);
}

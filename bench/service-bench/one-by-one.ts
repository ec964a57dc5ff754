import { spawn } from 'node:child_process';
import { startCpuMeter, type CpuUse } from './cpu-meter.js';
import { ASSIGNMENT, type Kind, type SubmissionCase } from './submission-mix.js';

/** One `sockgrade grade --json` run: a fresh process, a fresh pod, nothing shared with the next. */
export interface OneByOneRun {
  case: SubmissionCase;
  ms: number;
  score: number | null;
  maxScore: number | null;
  /** Why the run gave no report (exit code, stderr). */
  problem: string | null;
  pid: number | undefined;
}

export interface OneByOneFigures {
  runs: OneByOneRun[];
  totalMs: number;
  /** Mean time of one run, per kind of submission. */
  meanMsByKind: Map<Kind, number>;
  wrongScores: string[];
  cpu: CpuUse;
}

/** Grades the sample sequentially, the way a teacher would without the service. */
export async function gradeOneByOne(
  sample: SubmissionCase[],
  opts: { sockgradeBin: string; signal: AbortSignal; report: (line: string) => void },
): Promise<OneByOneFigures> {
  const runs: OneByOneRun[] = [];
  const stopMeter = startCpuMeter();
  for (const submission of sample) {
    if (opts.signal.aborted) break;
    const run = await gradeOnce(opts.sockgradeBin, submission);
    runs.push(run);
    opts.report(`${String(runs.length).padStart(3)}/${sample.length} ${submission.kind.padEnd(7)} ${(run.ms / 1000).toFixed(1).padStart(5)} s  ${run.problem ?? `${run.score}/${run.maxScore}`}`);
  }
  const cpu = stopMeter();
  const meanMsByKind = new Map<Kind, number>();
  for (const kind of new Set(runs.map((run) => run.case.kind))) {
    const times = runs.filter((run) => run.case.kind === kind).map((run) => run.ms);
    meanMsByKind.set(kind, times.reduce((a, b) => a + b, 0) / times.length);
  }
  const wrongScores = runs
    .filter((run) => run.problem !== null || run.score !== run.case.expectedScore || run.maxScore !== run.case.maxScore)
    .map((run) => `${run.case.kind} (${run.case.fixture}): ${run.problem ?? `scored ${run.score}/${run.maxScore}, expected ${run.case.expectedScore}/${run.case.maxScore}`}`);
  return { runs, totalMs: runs.reduce((sum, run) => sum + run.ms, 0), meanMsByKind, wrongScores, cpu };
}

/** `node bin/sockgrade.js grade echo-tcp-server <dir> --json`, timed from spawn to exit. */
function gradeOnce(sockgradeBin: string, submission: SubmissionCase): Promise<OneByOneRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [sockgradeBin, 'grade', ASSIGNMENT, submission.dir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const finish = (problem: string | null, report?: { score: number; maxScore: number }) =>
      resolve({ case: submission, ms: performance.now() - started, score: report?.score ?? null, maxScore: report?.maxScore ?? null, problem, pid: child.pid });
    child.on('error', (error) => finish(`could not start: ${error.message}`));
    child.on('close', (code) => {
      if (code !== 0) return finish(`exit ${code}: ${Buffer.concat(stderr).toString().trim().slice(0, 300)}`);
      try {
        finish(null, JSON.parse(Buffer.concat(stdout).toString()) as { score: number; maxScore: number });
      } catch {
        finish(`printed no JSON report: ${Buffer.concat(stdout).toString().slice(0, 200)}`);
      }
    });
  });
}

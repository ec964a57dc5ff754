/**
 * The compile step of a compiled language (issue #14): once per pod, after the submission
 * is in the volume and before the program first starts. A compile error is a verdict for
 * the student (every test explains it, with the compiler's own words), not our fault.
 */
import type { StudentRunResult } from '../checks/peer/protocol.js';
import { RUNTIMES, runtimeIdOf } from '../checks/runtimes.js';
import type { AssignmentDefinition, RuntimeBuild } from '../checks/types.js';
import type { BuildReport } from './report.js';
import { expandArgv, type SandboxPod } from './sandbox/sandbox-pod.js';

/** How much of the compiler's output a test's feedback quotes; the whole (capped) output is in `report.build`. */
const FEEDBACK_OUTPUT_CHARS = 3000;

export async function runBuildStep(
  pod: SandboxPod,
  assignment: AssignmentDefinition,
  build: RuntimeBuild,
  image: string,
): Promise<BuildReport> {
  const run = await pod.runBuild({ image, build, entry: assignment.entry, nanoCpus: assignment.resources.nanoCpus });
  return buildReportOf(build, assignment.entry, run);
}

export function buildReportOf(build: RuntimeBuild, entry: string, run: StudentRunResult): BuildReport {
  const status = run.timedOut ? 'timeout' : run.exitCode === 0 && !run.startError ? 'ok' : 'failed';
  return {
    compiler: build.compiler,
    command: expandArgv(build.shownCommand ?? build.command, entry).join(' '),
    status,
    exitCode: run.exitCode,
    output: run.startError ? `${run.stdout}${run.startError}` : run.stdout,
    durationMs: run.durationMs,
    ...(run.oomKilled ? { oomKilled: true } : {}),
  };
}

/** The feedback every test gets when the program did not compile: what the compiler said, and what to do. */
export function buildFailedFeedback(assignment: Pick<AssignmentDefinition, 'role' | 'runtime'>, build: BuildReport, limits: RuntimeBuild): string {
  const id = runtimeIdOf(assignment.runtime);
  const language = id ? RUNTIMES[id].name : build.compiler;
  const what = assignment.role === 'server' ? 'server' : 'client';
  if (build.status === 'timeout') {
    return `Compiling your program (${language}) took longer than ${Math.round(limits.timeoutMs / 1000)} s, so it was stopped and there was no ${what} to test. A small program compiles in seconds: is something generating huge amounts of code?`;
  }
  if (build.oomKilled) {
    return `The compiler ran out of memory (${Math.round(limits.memoryBytes / 1024 / 1024)} MiB) on your program, so there was no ${what} to test.`;
  }
  const output = build.output.trim();
  const quoted = output.length > FEEDBACK_OUTPUT_CHARS ? `${output.slice(0, FEEDBACK_OUTPUT_CHARS)}\n… (the rest is in the compiler output of the report)` : output;
  return (
    `Your program did not compile, so there was no ${what} to test. ${build.compiler} said:\n\n${quoted || '(nothing; it exited with code ' + String(build.exitCode) + ')'}\n\n` +
    `Start with the first error: later ones often follow from it. The number after the file name (\`file:line:\`) is the line.`
  );
}

import { describe, expect, it } from 'vitest';
import type { StudentRunResult } from '../checks/peer/protocol.js';
import { runtimeRef } from '../checks/runtimes.js';
import { buildFailedFeedback, buildReportOf } from './build-step.js';

const c = runtimeRef('c');
const build = c.build!;

function run(over: Partial<StudentRunResult>): StudentRunResult {
  return {
    runId: 'build', exitCode: 0, oomKilled: false, timedOut: false, stopped: false, stdout: '', stderr: '',
    stdoutTruncated: false, stderrTruncated: false, durationMs: 300, ...over,
  };
}

describe('the compile step (issue #14)', () => {
  it('reports a clean build as ok with the command as a person reads it', () => {
    const report = buildReportOf(build, 'server.c', run({}));
    expect(report).toEqual({
      compiler: 'gcc',
      command: 'gcc -Wall -O2 -pthread -o /submission/.sockgrade-build/program server.c (other .c files) -lm',
      status: 'ok',
      exitCode: 0,
      output: '',
      durationMs: 300,
    });
  });

  it('keeps the warnings of a build that worked: shown, not a failure', () => {
    const report = buildReportOf(build, 'server.c', run({ stdout: "server.c:3:9: warning: unused variable 'x'\n" }));
    expect(report.status).toBe('ok');
    expect(report.output).toContain('warning: unused variable');
  });

  it('a compile error becomes feedback quoting the compiler, for a student', () => {
    const output = "server.c:5:35: error: expected ';' before 'return'\n";
    const report = buildReportOf(build, 'server.c', run({ exitCode: 1, stdout: output }));
    expect(report.status).toBe('failed');
    const feedback = buildFailedFeedback({ role: 'server', runtime: c }, report, build);
    expect(feedback).toBe(
      `Your program did not compile, so there was no server to test. gcc said:\n\n${output.trim()}\n\nStart with the first error: later ones often follow from it. The number after the file name (\`file:line:\`) is the line.`,
    );
  });

  it('quotes at most 3000 characters of a flood of errors', () => {
    const report = buildReportOf(build, 'server.c', run({ exitCode: 1, stdout: 'error: x\n'.repeat(2000) }));
    const feedback = buildFailedFeedback({ role: 'client', runtime: c }, report, build);
    expect(feedback.length).toBeLessThan(3400);
    expect(feedback).toContain('no client to test');
    expect(feedback).toContain('the rest is in the compiler output of the report');
  });

  it('says so when the compiler ran out of time or memory', () => {
    const slow = buildReportOf(build, 'server.c', run({ exitCode: 137, timedOut: true }));
    expect(slow.status).toBe('timeout');
    expect(buildFailedFeedback({ role: 'server', runtime: c }, slow, build)).toContain('Compiling your program (C) took longer than 30 s');
    const big = buildReportOf(build, 'server.c', run({ exitCode: 137, oomKilled: true }));
    expect(buildFailedFeedback({ role: 'server', runtime: c }, big, build)).toContain('ran out of memory (512 MiB)');
  });
});

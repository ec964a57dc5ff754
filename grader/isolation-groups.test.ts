import { describe, expect, it } from 'vitest';
import { getAssignment } from '../checks/index.js';
import type { AssignmentDefinition, TestDefinition } from '../checks/types.js';
import { gradeInGroups, type GroupableOptions } from './grade-in-groups.js';
import { isolationGroups, mergeGroupReports } from './isolation-groups.js';
import { buildReport, type GradingReport } from './report.js';

const base = getAssignment('echo-tcp-server')!;
const test = (id: string, points: number, visibility?: TestDefinition['visibility']): TestDefinition => ({
  id,
  name: `Test ${id}`,
  points,
  params: { check: 'echo-once' },
  ...(visibility ? { visibility } : {}),
});
// The teacher's order: hidden first, then visible ones around one hidden until the deadline.
const assignment: AssignmentDefinition = {
  ...base,
  id: 'echo-ws',
  tests: [test('secret', 20, 'hidden'), test('basic', 30), test('later', 25, 'hidden-until-deadline'), test('umlauts', 25, 'visible')],
};

/** A fake run: every test passes but `secret`, with output naming the tests it saw. */
function fakeRun(opts: GroupableOptions & { durationMs?: number }): GradingReport {
  const results = new Map(
    opts.assignment.tests.map((t) => [
      t.id,
      { type: 'test-result' as const, testId: t.id, status: t.id === 'secret' ? ('failed' as const) : ('passed' as const), feedback: `fb ${t.id}`, transcript: [], durationMs: 1 },
    ]),
  );
  const names = opts.assignment.tests.map((t) => t.id).join(',');
  return buildReport({
    assignment: opts.assignment,
    results,
    missing: { status: 'error', feedback: 'missing' },
    runs: [{ runId: 'server', exitCode: 0, oomKilled: false, timedOut: false, stopped: true, stdout: `saw ${names}`, stderr: `err ${names}`, stdoutTruncated: false, stderrTruncated: false, durationMs: 5 }],
    durationMs: opts.durationMs ?? 100,
    logCapBytes: 1000,
  });
}

describe('isolationGroups', () => {
  it('splits the tests by visibility, visible first, each group in the teacher’s order', () => {
    const groups = isolationGroups(assignment);
    expect(groups.map((g) => [g.visibility, g.assignment.tests.map((t) => t.id)])).toEqual([
      ['visible', ['basic', 'umlauts']],
      ['hidden-until-deadline', ['later']],
      ['hidden', ['secret']],
    ]);
    // Everything but the tests stays the assignment's.
    expect(groups[2]!.assignment).toEqual({ ...assignment, tests: [assignment.tests[0]] });
  });

  it('makes one group of an assignment without hidden tests, and of one whose tests are all hidden', () => {
    expect(isolationGroups(base).map((g) => [g.visibility, g.assignment])).toEqual([['visible', base]]);
    const allHidden = { ...base, tests: base.tests.map((t) => ({ ...t, visibility: 'hidden' as const })) };
    expect(isolationGroups(allHidden).map((g) => g.visibility)).toEqual(['hidden']);
  });
});

describe('mergeGroupReports', () => {
  it('puts the tests back in the teacher’s order, sums the scores, keeps each run’s output, and the visible run’s as `logs`', () => {
    const graded = isolationGroups(assignment).map((group, i) => ({ visibility: group.visibility, report: fakeRun({ assignment: group.assignment, durationMs: 100 * (i + 1) }) }));
    const merged = mergeGroupReports(assignment, graded, 650);
    expect(merged).toEqual({
      assignment: 'echo-ws',
      score: 80,
      maxScore: 100,
      durationMs: 650,
      tests: [
        { id: 'secret', name: 'Test secret', score: 0, maxScore: 20, status: 'failed', feedback: 'fb secret', transcript: [] },
        { id: 'basic', name: 'Test basic', score: 30, maxScore: 30, status: 'passed', feedback: 'fb basic', transcript: [] },
        { id: 'later', name: 'Test later', score: 25, maxScore: 25, status: 'passed', feedback: 'fb later', transcript: [] },
        { id: 'umlauts', name: 'Test umlauts', score: 25, maxScore: 25, status: 'passed', feedback: 'fb umlauts', transcript: [] },
      ],
      logs: { stdout: 'saw basic,umlauts', stderr: 'err basic,umlauts' },
      groups: [
        { visibility: 'visible', tests: ['basic', 'umlauts'], durationMs: 100, logs: { stdout: 'saw basic,umlauts', stderr: 'err basic,umlauts' } },
        { visibility: 'hidden-until-deadline', tests: ['later'], durationMs: 200, logs: { stdout: 'saw later', stderr: 'err later' } },
        { visibility: 'hidden', tests: ['secret'], durationMs: 300, logs: { stdout: 'saw secret', stderr: 'err secret' } },
      ],
    });
  });

  it('has empty `logs` when no test is visible, and totals partial scores as one run would', () => {
    const hiddenOnly: AssignmentDefinition = { ...assignment, tests: [test('a', 10 / 3, 'hidden'), test('b', 10 / 3, 'hidden-until-deadline')] };
    const graded = isolationGroups(hiddenOnly).map((group) => ({ visibility: group.visibility, report: fakeRun({ assignment: group.assignment }) }));
    const merged = mergeGroupReports(hiddenOnly, graded, 1);
    expect(merged.logs).toEqual({ stdout: '', stderr: '' });
    // As one run would total them: the sum of the tests' rounded scores, the sum of the points.
    expect([merged.score, merged.maxScore]).toEqual([6.66, 6.67]);
    const oneRun = fakeRun({ assignment: hiddenOnly });
    expect([merged.score, merged.maxScore]).toEqual([oneRun.score, oneRun.maxScore]);
    expect(merged.groups!.map((g) => g.visibility)).toEqual(['hidden-until-deadline', 'hidden']);
  });
});

describe('mergeGroupReports with a compiled language (issue #14)', () => {
  it('keeps the compile step of the first group (every group compiles the same files)', () => {
    const build = { compiler: 'gcc', command: 'gcc -Wall server.c', status: 'ok' as const, exitCode: 0, output: 'warning: x', durationMs: 200 };
    const graded = isolationGroups(assignment).map((group) => ({ visibility: group.visibility, report: { ...fakeRun({ assignment: group.assignment }), build } }));
    expect(mergeGroupReports(assignment, graded, 1).build).toEqual(build);
  });
});

describe('gradeInGroups', () => {
  it('grades each group in its own run, in order, with one seed and a run id per group', async () => {
    const calls: GroupableOptions[] = [];
    const merged = await gradeInGroups({ assignment, runId: 'r1', extra: 'kept' }, async (opts) => {
      calls.push(opts);
      return fakeRun(opts);
    });
    expect(calls.map((c) => c.assignment.tests.map((t) => t.id))).toEqual([['basic', 'umlauts'], ['later'], ['secret']]);
    expect(calls.map((c) => c.runId)).toEqual(['r1g1', 'r1g2', 'r1g3']);
    expect(new Set(calls.map((c) => c.seed)).size).toBe(1);
    expect(calls[0]!.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(calls.every((c) => (c as unknown as { extra: string }).extra === 'kept')).toBe(true);
    expect(merged.tests.map((t) => t.id)).toEqual(['secret', 'basic', 'later', 'umlauts']);
    expect(merged.groups).toHaveLength(3);
    expect(merged.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('grades an assignment without hidden tests in one run and returns that report unchanged', async () => {
    const calls: GroupableOptions[] = [];
    const single = fakeRun({ assignment: base });
    const report = await gradeInGroups({ assignment: base, seed: 'abc' }, async (opts) => {
      calls.push(opts);
      return single;
    });
    expect(report).toBe(single);
    expect(calls).toEqual([{ assignment: base, seed: 'abc' }]);
    expect('groups' in report).toBe(false);
  });

  it('stops at the first group that throws: no report with a group missing', async () => {
    let runs = 0;
    await expect(
      gradeInGroups({ assignment }, async (opts) => {
        runs++;
        if (opts.assignment.tests[0]!.id === 'later') throw new Error('docker gone');
        return fakeRun(opts);
      }),
    ).rejects.toThrow('docker gone');
    expect(runs).toBe(2);
  });
});

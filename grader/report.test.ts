import { describe, expect, it } from 'vitest';
import type { TestResultMessage } from '../checks/peer/protocol.js';
import type { AssignmentDefinition } from '../checks/types.js';
import { gradingReportSchema } from './jobs.js';
import { buildReport, verdictReport } from './report.js';

const assignment = {
  id: 'demo',
  tests: [
    { id: 'a', name: 'First', points: 10 },
    { id: 'b', name: 'Second', points: 20 },
    { id: 'c', name: 'Third', points: 5 },
  ],
} as AssignmentDefinition;

function result(testId: string, status: TestResultMessage['status'], fraction?: number): TestResultMessage {
  return { type: 'test-result', testId, status, feedback: `${testId} ${status}`, transcript: [], durationMs: 1, ...(fraction === undefined ? {} : { fraction }) };
}

const run = (runId: string, stdout: string) => ({
  runId,
  exitCode: 0,
  oomKilled: false,
  timedOut: false,
  stopped: false,
  stdout,
  stderr: '',
  stdoutTruncated: false,
  stderrTruncated: false,
  durationMs: 5,
});

describe('buildReport', () => {
  it('scores passed tests fully, partial credit to two decimals, and fills tests that never reported', () => {
    const report = buildReport({
      assignment,
      results: new Map([
        ['a', result('a', 'passed')],
        ['b', result('b', 'failed', 1 / 3)],
      ]),
      missing: { status: 'timeout', feedback: 'ran out of time' },
      runs: [run('r1', 'hello\n')],
      durationMs: 42,
      logCapBytes: 1000,
    });
    expect(report.score).toBe(16.67);
    expect(report.maxScore).toBe(35);
    expect(report.tests.map((test) => [test.id, test.status, test.score])).toEqual([
      ['a', 'passed', 10],
      ['b', 'failed', 6.67],
      ['c', 'timeout', 0],
    ]);
    expect(report.tests[2]!.feedback).toBe('ran out of time');
    expect(report.logs.stdout).toBe('hello\n');
  });

  it('carries a test\'s expected vs received only where the peer sent one: other tests keep their exact keys', () => {
    const compare = { expected: { text: 'Hallo', bytes: 5 }, received: { text: 'hallo', bytes: 5 }, label: 'conn 1' };
    const report = buildReport({
      assignment,
      results: new Map([
        ['a', { ...result('a', 'failed'), compare }],
        ['b', result('b', 'passed')],
      ]),
      missing: { status: 'timeout', feedback: 'ran out of time' },
      runs: [],
      durationMs: 1,
      logCapBytes: 10,
    });
    expect(report.tests[0]!.compare).toEqual(compare);
    expect(report.tests[0]!.score).toBe(0);
    expect(Object.keys(report.tests[1]!)).toEqual(['id', 'name', 'score', 'maxScore', 'status', 'feedback', 'transcript']);
    expect(Object.keys(report.tests[2]!)).toEqual(['id', 'name', 'score', 'maxScore', 'status', 'feedback', 'transcript']);
    expect(gradingReportSchema.parse(report).tests[0]!.compare).toEqual(compare);
  });

  it('clamps fractions a peer could get wrong into 0..1', () => {
    const report = buildReport({
      assignment,
      results: new Map([
        ['a', result('a', 'passed', 7)],
        ['b', result('b', 'failed', -1)],
        ['c', result('c', 'failed', Number.NaN)],
      ]),
      missing: { status: 'error', feedback: '' },
      runs: [],
      durationMs: 1,
      logCapBytes: 10,
    });
    expect(report.tests.map((test) => test.score)).toEqual([10, 0, 0]);
  });

  it('puts several client runs under headers, each cut to its share of the cap, head and tail', () => {
    const report = buildReport({
      assignment,
      results: new Map(),
      missing: { status: 'error', feedback: '' },
      runs: [run('ascii', 'one\n'), run('umlauts', 'start 0123456789 Traceback: boom\n')],
      durationMs: 1,
      logCapBytes: 20,
    });
    expect(report.logs.stdout).toBe('── run ascii ──\none\n\n── run umlauts ──\nstart\n[… 23 bytes of output cut here …]\nboom\n');
  });

  it('keeps one run\'s output as the sandbox bounded it: no second cut of the sandbox\'s own note', () => {
    const bounded = 'head\n[… 104857600 bytes of output cut here …]\nTraceback (most recent call last): ValueError\n';
    const report = buildReport({
      assignment,
      results: new Map(),
      missing: { status: 'error', feedback: '' },
      runs: [run('server', bounded)],
      durationMs: 1,
      logCapBytes: 40,
    });
    expect(report.logs.stdout).toBe(bounded);
  });

  it('gives each test what the program printed during it; a test that did not pass quotes it in its feedback', () => {
    const outputs = new Map([
      ['a', { stdout: 'Echo: 5 Bytes\n', stderr: '', cutBytes: 0 }],
      ['b', { stdout: '', stderr: 'Exception in thread Thread-2:\nValueError: kaputt\n', cutBytes: 0 }],
      ['c', { stdout: 'still busy\n', stderr: '', cutBytes: 0 }],
    ]);
    const report = buildReport({
      assignment,
      results: new Map([
        ['a', result('a', 'passed')],
        ['b', result('b', 'timeout')],
      ]),
      missing: { status: 'timeout', feedback: 'The run ran out of time.' },
      runs: [],
      outputs,
      durationMs: 9,
      logCapBytes: 100,
    });
    const [a, b, c] = report.tests;
    expect(a).toMatchObject({ feedback: 'a passed', output: outputs.get('a') });
    expect(b?.output).toEqual(outputs.get('b'));
    expect(b?.feedback).toContain('b timeout\n\nYour program printed this on its error output while we waited:\n```\nException in thread Thread-2:\nValueError: kaputt\n```');
    expect(c).toMatchObject({ status: 'timeout', output: outputs.get('c') });
    expect(c?.feedback).toBe('The run ran out of time.\n\nYour program printed this while we waited:\n```\nstill busy\n```');
    expect(gradingReportSchema.parse(report)).toEqual(report);
  });
});

describe('verdictReport', () => {
  it('gives every test the same verdict and zero points', () => {
    const report = verdictReport(assignment, 'error', 'no server.py', 0);
    expect(report.score).toBe(0);
    expect(report.maxScore).toBe(35);
    expect(new Set(report.tests.map((test) => `${test.status}:${test.feedback}`))).toEqual(new Set(['error:no server.py']));
  });
});

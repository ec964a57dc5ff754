import { describe, expect, it } from 'vitest';
import type { GradingReport, TestReport } from '../../grader/report.js';
import { DEFAULT_POLICY, type AssignmentPolicy } from './assignment-policy.js';
import { progressForViewer, reportForViewer } from './report-for-viewer.js';

const deadline = Date.parse('2026-12-20T22:59:00Z');
const before = deadline - 1000;
const after = deadline + 1000;

const test = (id: string, score: number, maxScore: number): TestReport => ({
  id,
  name: `Test ${id}`,
  score,
  maxScore,
  status: score === maxScore ? 'passed' : 'failed',
  feedback: `feedback of ${id}`,
  transcript: [{ t: 0, dir: 'send', conn: 'conn 1', text: `input of ${id}`, bytes: 5 }],
});

const report: GradingReport = {
  assignment: 'echo-ws2026',
  score: 62.5,
  maxScore: 100,
  durationMs: 1234,
  tests: [test('basic', 30, 30), test('secret', 0, 20), test('later', 12.5, 25), test('umlauts', 20, 25)],
  logs: { stdout: 'got: input of secret\n', stderr: '' },
};

const policy: AssignmentPolicy = {
  ...DEFAULT_POLICY,
  deadline,
  utcOffsetMinutes: 60,
  visibility: { basic: 'visible', secret: 'hidden', later: 'hidden-until-deadline', umlauts: 'visible' },
};

describe('reportForViewer', () => {
  it('shows a teacher everything, unchanged', () => {
    expect(reportForViewer(report, { viewerRole: 'teacher', policy, now: before })).toEqual({
      ...report,
    });
  });

  it('hides hidden tests from a student before the deadline: their results, names, points in the score and the program output', () => {
    const seen = reportForViewer(report, { viewerRole: 'student', policy, now: before });
    expect(seen).toEqual({
      assignment: 'echo-ws2026',
      score: 50,
      maxScore: 55,
      durationMs: 1234,
      tests: [
        report.tests[0],
        { id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 20, shownAfter: null },
        { id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 25, shownAfter: '2026-12-20T23:59:00+01:00' },
        report.tests[3],
      ],
      logs: { stdout: "[shown after 2026-12-20T23:59:00+01:00: your program's output would give away what the hidden tests send]", stderr: '' },
      hiddenTests: { count: 2, maxScore: 45, shownAfter: '2026-12-20T23:59:00+01:00' },
    });
    expect(JSON.stringify(seen)).not.toMatch(/secret|later/);
  });

  it('shows hidden-until-deadline tests after the deadline, never the hidden ones', () => {
    const seen = reportForViewer(report, { viewerRole: 'student', policy, now: after });
    expect(seen.score).toBe(62.5);
    expect(seen.maxScore).toBe(80);
    expect(seen.tests.map((t) => t.id)).toEqual(['basic', 'hidden-1', 'later', 'umlauts']);
    expect(seen.hiddenTests).toEqual({ count: 1, maxScore: 20, shownAfter: null });
    expect(seen.logs.stdout).toBe("[not shown: your program's output would give away what the hidden tests send]");
  });

  it('leaves a report with nothing hidden as it is, and falls back to the default visibility for unknown tests', () => {
    expect(reportForViewer(report, { viewerRole: 'student', policy: DEFAULT_POLICY, now: after })).toEqual(report);
    const allHidden = reportForViewer(report, { viewerRole: 'student', policy: { ...DEFAULT_POLICY, defaultVisibility: 'hidden' }, now: after });
    expect(allHidden).toMatchObject({ score: 0, maxScore: 0, hiddenTests: { count: 4, maxScore: 100, shownAfter: null } });
  });
});

describe('progressForViewer', () => {
  it('drops the name of a hidden test that just finished, keeps the counts', () => {
    const progress = { testsDone: 2, testsTotal: 4, test: { id: 'secret', status: 'failed' } };
    expect(progressForViewer(progress, { viewerRole: 'student', policy, now: before })).toEqual({ testsDone: 2, testsTotal: 4 });
    expect(progressForViewer(progress, { viewerRole: 'teacher', policy, now: before })).toBe(progress);
    expect(progressForViewer({ ...progress, test: { id: 'basic', status: 'passed' } }, { viewerRole: 'student', policy, now: before })?.test).toEqual({ id: 'basic', status: 'passed' });
    expect(progressForViewer(null, { viewerRole: 'student', policy, now: before })).toBeNull();
  });
});

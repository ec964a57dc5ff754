import { describe, expect, it } from 'vitest';
import type { GradingReport, TestReport } from '../../grader/report.js';
import { DEFAULT_POLICY, type AssignmentPolicy } from './assignment-policy.js';
import { namedTestReport } from '../testing/test-reports.js';
import { progressForViewer, reportForViewer } from './report-for-viewer.js';

const deadline = Date.parse('2026-12-20T22:59:00Z');
const before = deadline - 1000;
const after = deadline + 1000;

const test = namedTestReport;

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
  it('keeps nothing of a hidden test\'s expected vs received for a student, and all of a shown one\'s (issue #9)', () => {
    const compare = (id: string) => ({ expected: { text: `expected of ${id}`, bytes: 5 }, received: { text: `received of ${id}`, bytes: 5 }, label: `label of ${id}` });
    const withCompare: GradingReport = { ...report, tests: report.tests.map((t) => ({ ...t, compare: compare(t.id) })) };
    const seen = reportForViewer(withCompare, { viewerRole: 'student', policy, now: before });
    expect(seen.tests[0]).toEqual({ ...report.tests[0], compare: compare('basic') });
    expect(seen.tests[1]).toEqual({ id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 20, shownAfter: null });
    expect(JSON.stringify(seen)).not.toMatch(/of secret|of later|of umlauts/);
    expect(reportForViewer(withCompare, { viewerRole: 'teacher', policy, now: before }).tests[1]).toHaveProperty('compare', compare('secret'));
  });

  it('keeps nothing of a hidden test\'s own output for a student, nor of a test after it in the same run (issue #13)', () => {
    const output = (id: string) => ({ stdout: `printed during ${id}`, stderr: `traceback of ${id}`, cutBytes: 0 });
    const withOutput: GradingReport = { ...report, tests: report.tests.map((t) => ({ ...t, output: output(t.id) })) };
    const seen = reportForViewer(withOutput, { viewerRole: 'student', policy, now: after });
    expect(seen.tests[0]).toEqual({ ...report.tests[0], output: output('basic') });
    expect(seen.tests[1]).toEqual({ id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 20, shownAfter: null });
    expect(JSON.stringify(seen)).not.toMatch(/during secret|of secret|during later|during umlauts/);
    expect(reportForViewer(withOutput, { viewerRole: 'teacher', policy, now: before }).tests[1]).toHaveProperty('output', output('secret'));
  });

  it('drops the timings (they name every test) when a test is hidden from the viewer, and keeps them otherwise (issue #11)', () => {
    const timings = { startedAt: '2026-12-04T10:00:00.000Z', marks: { started: 0 }, phases: [], tests: [{ id: 'secret', startMs: 1, endMs: 2 }] };
    const timed: GradingReport = { ...report, timings };
    expect(reportForViewer(timed, { viewerRole: 'student', policy, now: before })).not.toHaveProperty('timings');
    expect(reportForViewer(timed, { viewerRole: 'teacher', policy, now: before }).timings).toEqual(timings);
    expect(reportForViewer(timed, { viewerRole: 'student', policy: DEFAULT_POLICY, now: before }).timings).toEqual(timings);
  });

  it('shows a teacher everything, unchanged', () => {
    expect(reportForViewer(report, { viewerRole: 'teacher', policy, now: before })).toEqual({
      ...report,
    });
  });

  it('in a report of one program run, hides from a student the hidden tests and every test that ran after one, and the output', () => {
    const seen = reportForViewer(report, { viewerRole: 'student', policy, now: before });
    expect(seen).toEqual({
      assignment: 'echo-ws2026',
      score: 30,
      maxScore: 30,
      durationMs: 1234,
      tests: [
        report.tests[0],
        { id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 20, shownAfter: null },
        { id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 25, shownAfter: null },
        // Visible, but it ran after `secret` against the same program: its answers may carry secret's input.
        { id: 'hidden-3', name: 'Hidden test', hidden: true, maxScore: 25, shownAfter: null },
      ],
      logs: { stdout: "[not shown: your program's output would give away what the hidden tests send]", stderr: '' },
      hiddenTests: { count: 3, maxScore: 70, shownAfter: null },
    });
    expect(JSON.stringify(seen)).not.toMatch(/secret|later|umlauts/);
  });

  it('in a report of one program run, shows what ran before a hidden-until-deadline test after the deadline only', () => {
    const untilDeadline: AssignmentPolicy = { ...policy, visibility: { basic: 'visible', secret: 'visible', later: 'hidden-until-deadline', umlauts: 'visible' } };
    const seen = reportForViewer(report, { viewerRole: 'student', policy: untilDeadline, now: before });
    expect(seen.tests.map((t) => t.id)).toEqual(['basic', 'secret', 'hidden-1', 'hidden-2']);
    expect(seen.tests[3]).toEqual({ id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 25, shownAfter: '2026-12-20T23:59:00+01:00' });
    expect(seen.hiddenTests).toEqual({ count: 2, maxScore: 50, shownAfter: '2026-12-20T23:59:00+01:00' });
    expect(reportForViewer(report, { viewerRole: 'student', policy: untilDeadline, now: after })).toEqual(report);
  });

  it('leaves a report with nothing hidden as it is, and falls back to the default visibility for unknown tests', () => {
    expect(reportForViewer(report, { viewerRole: 'student', policy: DEFAULT_POLICY, now: after })).toEqual(report);
    const allHidden = reportForViewer(report, { viewerRole: 'student', policy: { ...DEFAULT_POLICY, defaultVisibility: 'hidden' }, now: after });
    expect(allHidden).toMatchObject({ score: 0, maxScore: 0, hiddenTests: { count: 4, maxScore: 100, shownAfter: null } });
  });
});

describe('reportForViewer on a report graded in isolation groups', () => {
  const out = (text: string) => ({ stdout: `${text} out`, stderr: `${text} err` });
  const grouped: GradingReport = {
    ...report,
    logs: out('visible run'),
    groups: [
      { visibility: 'visible', tests: ['basic', 'umlauts'], durationMs: 400, logs: out('visible run') },
      { visibility: 'hidden-until-deadline', tests: ['later'], durationMs: 300, logs: out('later run: input of later') },
      { visibility: 'hidden', tests: ['secret'], durationMs: 500, logs: out('secret run: input of secret') },
    ],
  };

  it('shows a student the visible tests in full and the visible run output, nothing of the hidden runs', () => {
    const seen = reportForViewer(grouped, { viewerRole: 'student', policy, now: before });
    expect(seen).toEqual({
      assignment: 'echo-ws2026',
      score: 50,
      maxScore: 55,
      durationMs: 1234,
      tests: [
        grouped.tests[0],
        { id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 20, shownAfter: null },
        { id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 25, shownAfter: '2026-12-20T23:59:00+01:00' },
        grouped.tests[3],
      ],
      logs: out('visible run'),
      groups: [grouped.groups![0]],
      hiddenTests: { count: 2, maxScore: 45, shownAfter: '2026-12-20T23:59:00+01:00' },
    });
    expect(JSON.stringify(seen)).not.toMatch(/secret|later/);
  });

  it('after the deadline adds the hidden-until-deadline tests and their run output', () => {
    const seen = reportForViewer(grouped, { viewerRole: 'student', policy, now: after });
    expect(seen.tests.map((t) => t.id)).toEqual(['basic', 'hidden-1', 'later', 'umlauts']);
    expect(seen).toMatchObject({ score: 62.5, maxScore: 80, logs: out('visible run'), hiddenTests: { count: 1, maxScore: 20, shownAfter: null } });
    expect(seen.groups).toEqual(grouped.groups!.slice(0, 2));
    expect(JSON.stringify(seen)).not.toMatch(/secret/);
  });

  it('shows a teacher everything, every run output included', () => {
    expect(reportForViewer(grouped, { viewerRole: 'teacher', policy, now: before })).toBe(grouped);
  });

  it('withholds a run whose test became hidden after grading, and the tests that ran after it there', () => {
    const changed: AssignmentPolicy = { ...policy, visibility: { ...policy.visibility, basic: 'hidden' } };
    const seen = reportForViewer(grouped, { viewerRole: 'student', policy: changed, now: after });
    expect(seen.tests.map((t) => t.id)).toEqual(['hidden-1', 'hidden-2', 'later', 'hidden-3']);
    expect(seen.logs).toEqual({ stdout: "[not shown: your program's output would give away what the hidden tests send]", stderr: "[not shown: your program's output would give away what the hidden tests send]" });
    expect(seen.groups).toEqual([grouped.groups![1]]);
  });

  it('judges a test that no group lists by its own visibility', () => {
    const partial: GradingReport = { ...grouped, groups: grouped.groups!.slice(0, 1) };
    const seen = reportForViewer(partial, { viewerRole: 'student', policy, now: before });
    expect(seen.tests.map((t) => t.id)).toEqual(['basic', 'hidden-1', 'hidden-2', 'umlauts']);
    expect(seen.score).toBe(50);
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

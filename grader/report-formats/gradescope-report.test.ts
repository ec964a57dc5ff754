import { describe, expect, it } from 'vitest';
import { formatGradescope, gradescopeResults } from './gradescope-report.js';
import { sampleReport } from '../../test/report-samples.js';

/** The fields Gradescope's "Autograder Specifications" document for results.json and for each test. */
const TOP_LEVEL = ['score', 'execution_time', 'output', 'output_format', 'test_output_format', 'test_name_format', 'visibility', 'stdout_visibility', 'extra_data', 'tests', 'leaderboard'];
const TEST_FIELDS = ['score', 'max_score', 'status', 'name', 'name_format', 'number', 'output', 'output_format', 'tags', 'visibility', 'extra_data'];

describe('Gradescope results.json', () => {
  it('has score, execution_time (seconds), output and a test per test with name, score, max_score, status, output, visibility', () => {
    const results = JSON.parse(formatGradescope(sampleReport()));
    for (const key of Object.keys(results)) expect(TOP_LEVEL).toContain(key);
    for (const test of results.tests) for (const key of Object.keys(test)) expect(TEST_FIELDS).toContain(key);
    expect(results.score).toBe(45);
    expect(results.execution_time).toBe(2.31);
    expect(results.output).toBe('echo-tcp-server: 45/100 points\n\nYour program\'s stdout:\nlistening on 5000\n\u001b[31mred\u001b[0m');
    expect(results.tests.map((t: any) => [t.name, t.score, t.max_score, t.status, t.visibility])).toEqual([
      ['Echo of ASCII text', 20, 20, 'passed', 'visible'],
      ['Umlauts and €', 0, 20, 'failed', 'visible'],
      ['1024 bytes', 10, 20, 'failed', 'visible'],
      ['Two clients <at once>', 0, 20, 'failed', 'visible'],
      ['Non-UTF-8 bytes', 15, 20, 'failed', 'visible'],
    ]);
    expect(results.tests[2].output).toBe('Only half came back.');
    expect(results.tests[3].output).toBe('[timeout] no reply to `hi` after 2000 ms');
    expect(results.tests[0].score + results.tests[1].score + results.tests[2].score + results.tests[3].score + results.tests[4].score).toBe(results.score);
  });

  it('marks a teacher’s tests by their rule: hidden until the deadline is after_due_date, hidden is hidden', () => {
    const rules: Record<string, 'visible' | 'hidden-until-deadline' | 'hidden'> = { big: 'hidden-until-deadline', two: 'hidden' };
    const results = gradescopeResults(sampleReport(), { visibility: (id) => rules[id] ?? 'visible' });
    expect(results.tests.map((t) => t.visibility)).toEqual(['visible', 'visible', 'after_due_date', 'hidden', 'visible']);
  });

  it('gives a student a hidden test’s name, points and when it is shown, never its score or status', () => {
    const report = sampleReport();
    const results = gradescopeResults({
      ...report,
      score: 20,
      maxScore: 20,
      tests: [report.tests[0]!, { id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 30, shownAfter: '2026-12-24 23:59' }, { id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 50, shownAfter: null }],
      hiddenTests: { count: 2, maxScore: 80, shownAfter: '2026-12-24 23:59' },
    });
    expect(results.tests.slice(1)).toEqual([
      { name: 'Hidden test', max_score: 30, output: 'Shown after 2026-12-24 23:59.', visibility: 'after_due_date' },
      { name: 'Hidden test', max_score: 50, output: 'This test stays hidden.', visibility: 'hidden' },
    ]);
    expect(results.score).toBe(20);
    expect(results.output).toContain('2 hidden test(s) worth 80 points are not counted here.');
  });

  it('takes the score that counts when a late penalty or a teacher changed it', () => {
    const results = gradescopeResults(sampleReport(), { adjustedScore: { score: 36, reason: '20 % late penalty' } });
    expect(results.score).toBe(36);
    expect(results.output.split('\n').slice(0, 2)).toEqual(['echo-tcp-server: 45/100 points', 'Score that counts: 36 (20 % late penalty)']);
  });
});

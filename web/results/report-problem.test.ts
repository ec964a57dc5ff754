import { describe, expect, it } from 'vitest';
import type { AssignmentDefinition } from '../../checks/types.js';
import type { GradingReport } from '../../grader/report.js';
import { reportProblem } from './report-problem.js';

const assignment = { id: 'echo', tests: [{ id: 'a', name: 'A', points: 10 }, { id: 'b', name: 'B', points: 5 }] } as AssignmentDefinition;
const report: GradingReport = {
  assignment: 'echo',
  score: 5,
  maxScore: 15,
  durationMs: 1,
  tests: [
    {
      id: 'a',
      name: 'A',
      score: 0,
      maxScore: 10,
      status: 'failed',
      feedback: 'no',
      transcript: [],
      compare: { expected: { text: 'Hallo', bytes: 5 }, received: { text: '<img src=x onerror=alert(1)>', bytes: 28 }, label: 'conn 1' },
    },
    { id: 'b', name: 'B', score: 5, maxScore: 5, status: 'passed', feedback: 'yes', transcript: [] },
  ],
  logs: { stdout: '', stderr: '' },
};

describe('reportProblem', () => {
  it('accepts a report whose tests carry expected vs received', () => {
    expect(reportProblem(report, assignment, 'echo')).toBeNull();
  });

  it('still refuses a wrong score beside it', () => {
    const forged = { ...report, tests: [{ ...report.tests[0]!, score: 11 }, report.tests[1]!] };
    expect(reportProblem(forged, assignment, 'echo')).toBe('test `a` has 11 of 10 points');
  });
});

import type { TestReport } from '../../grader/report.js';

/** A test's report whose every text names the test (`feedback of secret`, `input of secret`): a leak shows by name. */
export function namedTestReport(id: string, score: number, maxScore: number): TestReport {
  return {
    id,
    name: `Test ${id}`,
    score,
    maxScore,
    status: score === maxScore ? 'passed' : 'failed',
    feedback: `feedback of ${id}`,
    transcript: [{ t: 0, dir: 'send', conn: 'conn 1', text: `input of ${id}`, bytes: 5 }],
  };
}

import { describe, expect, it } from 'vitest';
import type { GradingReport, TestReport } from '../../grader/report.js';
import { DEFAULT_POLICY, type AssignmentPolicy } from '../assignments/index.js';
import type { Submission, User } from '../store/index.js';
import { namedTestReport } from '../testing/test-reports.js';
import { finalLines } from './follow-grading.js';

const test = (id: string, score: number, maxScore: number): TestReport => ({
  ...namedTestReport(id, score, maxScore),
  output: { stdout: `printed during ${id}`, stderr: '', cutBytes: 0 },
});

const report: GradingReport = {
  assignment: 'echo-ws2026',
  score: 30,
  maxScore: 70,
  durationMs: 1234,
  tests: [test('basic', 20, 30), test('secret', 10, 40)],
  logs: { stdout: '', stderr: '' },
};

const policy: AssignmentPolicy = { ...DEFAULT_POLICY, visibility: { basic: 'visible', secret: 'hidden' } };
const submission = { id: 's1', userId: 2, assignmentId: 'echo-ws2026', status: 'done', report, createdAt: Date.now(), startedAt: null, finishedAt: null, progress: null, error: null, attempts: 1, generation: 0, regradeId: null, supersededBy: null } as Submission;
const deps = { store: { overrides: { current: () => undefined } }, assignments: { policy: () => policy } } as unknown as Parameters<typeof finalLines>[2];

describe('the table a git push ends with (issue #10)', () => {
  it('shows a student a hidden test as its points only, as the API does, and the teacher everything', () => {
    const student = finalLines(submission, { id: 2, role: 'student' } as User, deps, 'http://127.0.0.1/submissions/s1');
    expect(student).toContain('Test basic');
    expect(student).toContain('feedback of basic');
    expect(student).toMatch(/· hidden +\?\/40 +Hidden test \(not shown\)/);
    expect(student).not.toMatch(/secret/);
    expect(student).toContain('Score: 20/30');
    const teacher = finalLines(submission, { id: 1, role: 'teacher' } as User, deps, 'http://127.0.0.1/submissions/s1');
    expect(teacher).toContain('feedback of secret');
    expect(teacher).toContain('Score: 30/70');
  });
});

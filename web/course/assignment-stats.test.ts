import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type AssignmentPolicy } from '../assignments/index.js';
import type { StatsRow } from '../store/index.js';
import { assignmentStats } from './assignment-stats.js';

const definition = { maxScore: 25, tests: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] };
const row = (id: string, rawScore: number, statuses: [string, string], extra: Partial<StatsRow> = {}): StatsRow => ({
  id,
  userId: Number(id.slice(1)),
  createdAt: 0,
  rawScore,
  overrideScore: null,
  tests: [
    { id: 'a', name: 'A', status: statuses[0] },
    { id: 'b', name: 'B', status: statuses[1] },
  ],
  newestGraded: true,
  ...extra,
});

describe('assignmentStats', () => {
  it('puts full marks in the last bucket and 0 in the first, with buckets of 10 % of the maximum', () => {
    const stats = assignmentStats([row('s1', 25, ['passed', 'passed']), row('s2', 0, ['failed', 'timeout']), row('s3', 2.5, ['passed', 'error'])], definition, DEFAULT_POLICY);
    expect(stats.histogram.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 2.5, 1],
      [2.5, 5, 1],
      [5, 7.5, 0],
      [7.5, 10, 0],
      [10, 12.5, 0],
      [12.5, 15, 0],
      [15, 17.5, 0],
      [17.5, 20, 0],
      [20, 22.5, 0],
      [22.5, 25, 1],
    ]);
    expect(stats.average).toBe(9.17);
    expect(stats.tests).toEqual([
      { id: 'a', name: 'A', passed: 2, total: 3, passRate: 0.67 },
      { id: 'b', name: 'B', passed: 1, total: 3, passRate: 0.33 },
    ]);
    // Not passed counts as failed whatever the reason (failed, timeout, error); most failures first.
    expect(stats.mostFailed).toEqual([
      { id: 'b', name: 'B', failed: 2, submissions: ['s2', 's3'] },
      { id: 'a', name: 'A', failed: 1, submissions: ['s2'] },
    ]);
  });

  it('counts only each student’s newest graded submission, the override over the late penalty', () => {
    const late: AssignmentPolicy = { ...DEFAULT_POLICY, deadline: 1000, late: { policy: 'penalty', penaltyPercentPerDay: 50, maxDaysLate: null } };
    const stats = assignmentStats(
      [
        row('s1', 20, ['passed', 'passed'], { createdAt: 2000 }), // late by day 1: 50 % off → 10
        row('s2', 20, ['passed', 'passed'], { createdAt: 2000, overrideScore: 24 }),
        row('s9', 0, ['failed', 'failed'], { newestGraded: false }),
      ],
      definition,
      late,
    );
    expect(stats.students).toBe(2);
    expect(stats.average).toBe(17);
    expect(stats.histogram[4]!.count).toBe(1);
    expect(stats.histogram[9]!.count).toBe(1);
    expect(stats.mostFailed).toEqual([]);
  });

  it('answers an assignment nobody handed in yet with empty figures', () => {
    const stats = assignmentStats([], definition, DEFAULT_POLICY);
    expect(stats).toMatchObject({ students: 0, average: null, mostFailed: [] });
    expect(stats.tests.map((t) => t.passRate)).toEqual([0, 0]);
  });
});

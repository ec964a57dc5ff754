import { describe, expect, it } from 'vitest';
import { DeadlinePassedError, TooManyRequestsError } from '../errors.js';
import { DAY_MS, DEFAULT_POLICY, HOUR_MS, type AssignmentPolicy } from './assignment-policy.js';
import { checkSubmissionAllowed } from './submission-allowed.js';

const deadline = Date.parse('2026-12-20T22:59:00Z');
const withDeadline = (late: AssignmentPolicy['late']): AssignmentPolicy => ({ ...DEFAULT_POLICY, deadline, utcOffsetMinutes: 60, late });
const budget = (submissions: number, perHours: number): AssignmentPolicy => ({
  ...DEFAULT_POLICY,
  budget: { submissions, perHours, windowMs: perHours * HOUR_MS },
});

function refusal(input: Parameters<typeof checkSubmissionAllowed>[0]): unknown {
  try {
    checkSubmissionAllowed(input);
  } catch (error) {
    return error;
  }
  return null;
}

describe('checkSubmissionAllowed: deadline', () => {
  it('lets anything through without a deadline or a budget', () => {
    expect(refusal({ policy: DEFAULT_POLICY, now: deadline + 100 * DAY_MS, recentSubmissionTimes: Array(50).fill(deadline) })).toBeNull();
  });

  it('refuses after a hard deadline with 403 DEADLINE_PASSED, in the teacher’s time zone', () => {
    const policy = withDeadline({ policy: 'reject', penaltyPercentPerDay: 0, maxDaysLate: null });
    expect(refusal({ policy, now: deadline, recentSubmissionTimes: [] })).toBeNull();
    const error = refusal({ policy, now: deadline + 1, recentSubmissionTimes: [] });
    expect(error).toBeInstanceOf(DeadlinePassedError);
    expect(error).toMatchObject({
      status: 403,
      code: 'DEADLINE_PASSED',
      message: 'The deadline of this assignment was 2026-12-20T23:59:00+01:00; submissions after it are not accepted. Talk to your teacher if you need more time.',
    });
  });

  it('takes late ones until maxDaysLate, then refuses naming both times', () => {
    const policy = withDeadline({ policy: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: 3 });
    expect(refusal({ policy, now: deadline + 3 * DAY_MS, recentSubmissionTimes: [] })).toBeNull();
    expect(refusal({ policy, now: deadline + 3 * DAY_MS + 1, recentSubmissionTimes: [] })).toMatchObject({
      code: 'DEADLINE_PASSED',
      message:
        'The deadline of this assignment was 2026-12-20T23:59:00+01:00, and late submissions were accepted until 2026-12-23T23:59:00+01:00; this one comes too late. Talk to your teacher if you need more time.',
    });
    expect(refusal({ policy: withDeadline({ policy: 'accept', penaltyPercentPerDay: 0, maxDaysLate: null }), now: deadline + 300 * DAY_MS, recentSubmissionTimes: [] })).toBeNull();
  });
});

describe('checkSubmissionAllowed: budget', () => {
  const now = Date.parse('2026-11-02T10:00:00Z');

  it('allows up to the budget in a sliding window', () => {
    const policy = budget(3, 1);
    expect(refusal({ policy, now, recentSubmissionTimes: [now - 50 * 60_000, now - 10 * 60_000] })).toBeNull();
    // One is exactly an hour old: it has left the window.
    expect(refusal({ policy, now, recentSubmissionTimes: [now - HOUR_MS, now - 50 * 60_000, now - 10 * 60_000] })).toBeNull();
  });

  it('refuses with 429 BUDGET_EXHAUSTED and when the oldest leaves the window', () => {
    const policy = budget(3, 1);
    const error = refusal({ policy, now, recentSubmissionTimes: [now - 5 * 60_000, now - 50 * 60_000, now - 2 * HOUR_MS, now - 20 * 60_000] });
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toMatchObject({
      status: 429,
      code: 'BUDGET_EXHAUSTED',
      retryAfterSeconds: 600,
      message:
        'You have used all 3 submissions per hour for this assignment. You can hand in again at 2026-11-02T10:10:00Z (in 10 minutes). ' +
        'Until then, test your program on your own computer: run it and talk to it with a client, as the tests do.',
    });
  });

  it('waits for enough of them to leave when the budget shrank below what is in the window', () => {
    const policy = budget(1, 24);
    const times = [now - 23 * HOUR_MS, now - 2 * HOUR_MS, now - 1000];
    expect(refusal({ policy, now, recentSubmissionTimes: times })).toMatchObject({
      retryAfterSeconds: 24 * 3600 - 1,
      message: expect.stringMatching(/^You have used your 1 submission per 24 hours for this assignment\. You can hand in again at 2026-11-03T09:59:59Z \(in 1 day\)\. /),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_POLICY, type AssignmentPolicy, type LatePolicy } from './assignment-policy.js';
import { effectiveScore, lateness } from './lateness.js';

const deadline = Date.parse('2026-12-20T22:59:00Z');
const policyWith = (late: Partial<LatePolicy>): AssignmentPolicy => ({
  ...DEFAULT_POLICY,
  deadline,
  utcOffsetMinutes: 60,
  late: { policy: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: null, ...late },
});

describe('lateness', () => {
  it('is null on time, at the deadline to the millisecond, and without a deadline', () => {
    expect(lateness(policyWith({}), deadline - 1)).toBeNull();
    expect(lateness(policyWith({}), deadline)).toBeNull();
    expect(lateness(DEFAULT_POLICY, deadline + 5 * DAY_MS)).toBeNull();
  });

  it('counts every day started: 1 ms late is one day, 1.5 days are two', () => {
    expect(lateness(policyWith({}), deadline + 1)).toEqual({ lateMs: 1, daysLate: 1, penaltyPercent: 10 });
    expect(lateness(policyWith({}), deadline + DAY_MS)).toEqual({ lateMs: DAY_MS, daysLate: 1, penaltyPercent: 10 });
    expect(lateness(policyWith({}), deadline + 1.5 * DAY_MS)).toEqual({ lateMs: 1.5 * DAY_MS, daysLate: 2, penaltyPercent: 20 });
  });

  it('caps the penalty at 100 % and takes everything past maxDaysLate or under reject', () => {
    expect(lateness(policyWith({ penaltyPercentPerDay: 40 }), deadline + 2.5 * DAY_MS)?.penaltyPercent).toBe(100);
    expect(lateness(policyWith({ maxDaysLate: 3 }), deadline + 3 * DAY_MS)?.penaltyPercent).toBe(30);
    expect(lateness(policyWith({ maxDaysLate: 3 }), deadline + 3 * DAY_MS + 1)?.penaltyPercent).toBe(100);
    expect(lateness(policyWith({ policy: 'reject', penaltyPercentPerDay: 0 }), deadline + 60_000)).toEqual({ lateMs: 60_000, daysLate: 1, penaltyPercent: 100 });
    expect(lateness(policyWith({ policy: 'accept', penaltyPercentPerDay: 0 }), deadline + 9 * DAY_MS)).toEqual({ lateMs: 9 * DAY_MS, daysLate: 9, penaltyPercent: 0 });
  });

  it('keeps fractional rates to two decimals', () => {
    expect(lateness(policyWith({ penaltyPercentPerDay: 3.33 }), deadline + 2.1 * DAY_MS)?.penaltyPercent).toBe(9.99);
  });
});

describe('effectiveScore', () => {
  it('takes the penalty off the points earned: 80 of 100, 1.5 days late at 10 % per day, is 64', () => {
    expect(effectiveScore({ score: 80 }, policyWith({}), deadline + 1.5 * DAY_MS)).toBe(64);
  });

  it('is the score itself on time, and rounds to two decimals', () => {
    expect(effectiveScore({ score: 80 }, policyWith({}), deadline)).toBe(80);
    expect(effectiveScore({ score: 33.33 }, policyWith({ penaltyPercentPerDay: 15 }), deadline + 1)).toBe(28.33);
    expect(effectiveScore({ score: 80 }, policyWith({ policy: 'reject', penaltyPercentPerDay: 0 }), deadline + 1)).toBe(0);
  });
});

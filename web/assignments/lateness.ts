import { acceptedUntil, DAY_MS, type AssignmentPolicy } from './assignment-policy.js';

export interface Lateness {
  /** How long after the deadline it was handed in. */
  lateMs: number;
  /** Days started after the deadline: 1 minute late is day 1, 24 h 1 min is day 2. */
  daysLate: number;
  /** Share of the score taken off, 0..100. */
  penaltyPercent: number;
}

/**
 * How late a submission handed in at `submittedAt` is, or null when on time (at the
 * deadline to the millisecond still counts as on time) or there is no deadline.
 *
 * Rounding: a penalty counts **every day started**, the way a late slip is counted in
 * class: 1.5 days late at 10 % per day is 2 days, 20 %. Capped at 100 %.
 * A submission the policy would have refused (with `reject`, or past `maxDaysLate`) can
 * only exist because the deadline moved after it was handed in, or a teacher sent it; it
 * gets 100 %, so the gradebook never counts what the rules did not allow.
 */
export function lateness(policy: AssignmentPolicy, submittedAt: number): Lateness | null {
  if (policy.deadline === null || submittedAt <= policy.deadline) return null;
  const lateMs = submittedAt - policy.deadline;
  const daysLate = Math.ceil(lateMs / DAY_MS);
  const until = acceptedUntil(policy);
  let penaltyPercent: number;
  if (until !== null && submittedAt > until) penaltyPercent = 100;
  else if (policy.late.policy === 'penalty') penaltyPercent = Math.min(100, round2(daysLate * policy.late.penaltyPercentPerDay));
  else penaltyPercent = 0;
  return { lateMs, daysLate, penaltyPercent };
}

/**
 * The score that counts: the report's score less the late penalty, a percentage of the
 * points earned (not of the maximum), to two decimals like the report's scores. Pass
 * the report the viewer sees: for a student that is the visible tests' score.
 */
export function effectiveScore(report: { score: number }, policy: AssignmentPolicy, submittedAt: number): number {
  const penalty = lateness(policy, submittedAt)?.penaltyPercent ?? 0;
  // Multiply before dividing: 80 * 80 / 100 is exactly 64, 80 * 0.8 is 64.00000000000001.
  return round2((report.score * (100 - penalty)) / 100);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

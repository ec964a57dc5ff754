import { DeadlinePassedError, TooManyRequestsError } from '../errors.js';
import { acceptedUntil, type AssignmentPolicy } from './assignment-policy.js';
import { formatInstant, formatWait } from './instants.js';

export interface SubmissionAllowedInput {
  policy: AssignmentPolicy;
  /** Milliseconds since the epoch. */
  now: number;
  /**
   * When this student handed in this assignment before (ms), at least those within the
   * budget's window; superseded ones may be left out (they were never graded, so they
   * taught nothing). Order does not matter.
   */
  recentSubmissionTimes: readonly number[];
}

/**
 * Whether a student may hand in now; throws when not. Past the deadline with `reject`,
 * or past `maxDaysLate`: {@link DeadlinePassedError} (403, `DEADLINE_PASSED`). Budget used
 * up: {@link TooManyRequestsError} (429, `BUDGET_EXHAUSTED`) with the seconds until the
 * oldest submission in the window leaves it. The budget window slides: with 5 per hour,
 * at most 5 in any 60 minutes. For students only; teachers trying out their own
 * assignment are not held to either.
 */
export function checkSubmissionAllowed({ policy, now, recentSubmissionTimes }: SubmissionAllowedInput): void {
  const shown = (ms: number) => formatInstant(ms, policy.utcOffsetMinutes);
  const until = acceptedUntil(policy);
  if (policy.deadline !== null && until !== null && now > until) {
    const deadline = shown(policy.deadline);
    throw new DeadlinePassedError(
      policy.late.policy === 'reject'
        ? `The deadline of this assignment was ${deadline}; submissions after it are not accepted. Talk to your teacher if you need more time.`
        : `The deadline of this assignment was ${deadline}, and late submissions were accepted until ${shown(until)}; this one comes too late. Talk to your teacher if you need more time.`,
    );
  }
  const budget = policy.budget;
  if (!budget) return;
  const windowStart = now - budget.windowMs;
  const inWindow = recentSubmissionTimes.filter((t) => t > windowStart).sort((a, b) => a - b);
  if (inWindow.length < budget.submissions) return;
  // The window must lose enough submissions to leave room for one more.
  const next = inWindow[inWindow.length - budget.submissions]! + budget.windowMs;
  const waitMs = next - now;
  const per = budget.perHours === 1 ? 'per hour' : `per ${budget.perHours} hours`;
  const used = budget.submissions === 1 ? 'your 1 submission' : `all ${budget.submissions} submissions`;
  throw new TooManyRequestsError(
    `You have used ${used} ${per} for this assignment. You can hand in again at ${shown(next)} (in ${formatWait(waitMs)}). ` +
      'Until then, test your program on your own computer: run it and talk to it with a client, as the tests do.',
    Math.max(1, Math.ceil(waitMs / 1000)),
    'BUDGET_EXHAUSTED',
  );
}

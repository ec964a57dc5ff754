import type { TestVisibility } from '../../checks/types.js';
import type { Role } from '../store/index.js';

/**
 * Who sees a test's result: `visible` always; `hidden-until-deadline` only teachers until
 * the deadline, then everyone; `hidden` only teachers (tests a student must not be able to
 * use as an oracle). The grader runs each against its own program run.
 */
export type { TestVisibility };

export const TEST_VISIBILITIES: readonly TestVisibility[] = ['visible', 'hidden-until-deadline', 'hidden'];

/**
 * What happens after the deadline. `accept`: graded in full; `penalty`: the score loses
 * `penaltyPercentPerDay` for every day started; `reject`: refused. With `maxDaysLate`,
 * `accept` and `penalty` refuse submissions more than that many days late.
 */
export interface LatePolicy {
  policy: 'accept' | 'reject' | 'penalty';
  /** 0 unless `policy` is `penalty`. */
  penaltyPercentPerDay: number;
  /** Days after the deadline that submissions are still taken; null: no end. */
  maxDaysLate: number | null;
}

/** At most `submissions` per student in any window of `perHours` hours (sliding, not per clock hour). */
export interface SubmissionBudget {
  submissions: number;
  perHours: number;
  windowMs: number;
}

/** The rules around an assignment: when, how often, and who sees which test. */
export interface AssignmentPolicy {
  /** Milliseconds since the epoch, or null: no deadline. */
  deadline: number | null;
  /**
   * The UTC offset the teacher wrote the deadline in, in minutes: times in messages are
   * shown in it, so a class in Berlin reads 23:59 and not 22:59Z. 0 without a deadline.
   */
  utcOffsetMinutes: number;
  late: LatePolicy;
  budget: SubmissionBudget | null;
  /** For tests without an entry in `visibility` (a report graded before the file changed). */
  defaultVisibility: TestVisibility;
  /** By test id. */
  visibility: Readonly<Record<string, TestVisibility>>;
}

/** What built-in assignments get: everything visible, no deadline, no budget. */
export const DEFAULT_POLICY: AssignmentPolicy = Object.freeze({
  deadline: null,
  utcOffsetMinutes: 0,
  late: Object.freeze({ policy: 'accept', penaltyPercentPerDay: 0, maxDaysLate: null }),
  budget: null,
  defaultVisibility: 'visible',
  visibility: Object.freeze({}),
});

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

export interface Viewer {
  viewerRole: Role;
  /** Milliseconds since the epoch. */
  now: number;
}

/** The visibility configured for a test, falling back to the policy's default. */
export function visibilityOf(policy: AssignmentPolicy, testId: string): TestVisibility {
  return Object.hasOwn(policy.visibility, testId) ? policy.visibility[testId]! : policy.defaultVisibility;
}

/**
 * Whether `viewer` may see the test's name and result now, and, when not, when they will:
 * the deadline for `hidden-until-deadline`, never (null) for `hidden`. Teachers see all.
 */
export function testShownTo(policy: AssignmentPolicy, testId: string, viewer: Viewer): { shown: true } | { shown: false; shownAfter: number | null } {
  if (viewer.viewerRole === 'teacher') return { shown: true };
  const visibility = visibilityOf(policy, testId);
  if (visibility === 'visible') return { shown: true };
  if (visibility === 'hidden' || policy.deadline === null) return { shown: false, shownAfter: null };
  return viewer.now > policy.deadline ? { shown: true } : { shown: false, shownAfter: policy.deadline };
}

/** The last moment a submission is still taken, or null: no end (no deadline, or late ones taken for ever). */
export function acceptedUntil(policy: AssignmentPolicy): number | null {
  if (policy.deadline === null) return null;
  if (policy.late.policy === 'reject') return policy.deadline;
  return policy.late.maxDaysLate === null ? null : policy.deadline + policy.late.maxDaysLate * DAY_MS;
}

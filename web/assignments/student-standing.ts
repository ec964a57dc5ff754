import { acceptedUntil, type AssignmentPolicy } from './assignment-policy.js';
import { formatInstant } from './instants.js';

/** One of the student's submissions as the student sees it (after hiding and late penalty). */
export interface StandingSubmission {
  id: string;
  status: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** After the late penalty, over the tests the student may see; null before a report. */
  score: number | null;
  maxScore: number | null;
}

/** Where a student stands on one assignment: what the home page's card and the hand-in area show. */
export interface Standing {
  submissions: number;
  /** The newest, whatever its status (so "running" shows while it runs). */
  latest: { id: string; status: string; createdAt: string; score: number | null; maxScore: number | null } | null;
  /** The highest score of a graded submission (the earliest of equals). */
  best: { id: string; score: number; maxScore: number | null } | null;
  /** Whether a submission now would be taken (deadline, late policy); the budget is apart. */
  open: boolean;
  /** Null without a budget (or for a teacher, who is not held to one). */
  budget: { submissions: number; perHours: number; used: number; left: number; nextAt: string | null } | null;
}

/**
 * `submissions` newest first (as `store.submissions.list` gives them), `recentTimes` as
 * `submittedSince` gives them for the budget's window (superseded ones left out, as
 * `checkSubmissionAllowed` counts). Mirrors checkSubmissionAllowed's rules so the page
 * tells in advance what a hand-in would be told.
 */
export function studentStanding(input: {
  policy: AssignmentPolicy;
  now: number;
  submissions: readonly StandingSubmission[];
  recentTimes: readonly number[];
  heldToBudget: boolean;
}): Standing {
  const { policy, now, submissions } = input;
  const iso = (ms: number) => new Date(ms).toISOString();
  const newest = submissions[0];
  let best: Standing['best'] = null;
  for (const submission of [...submissions].reverse()) {
    if (submission.score === null) continue;
    if (!best || submission.score > best.score) best = { id: submission.id, score: submission.score, maxScore: submission.maxScore };
  }
  const until = acceptedUntil(policy);
  let budget: Standing['budget'] = null;
  if (policy.budget && input.heldToBudget) {
    const windowStart = now - policy.budget.windowMs;
    const inWindow = input.recentTimes.filter((t) => t > windowStart).sort((a, b) => a - b);
    const left = Math.max(0, policy.budget.submissions - inWindow.length);
    const nextAt = left > 0 ? null : inWindow[inWindow.length - policy.budget.submissions]! + policy.budget.windowMs;
    budget = {
      submissions: policy.budget.submissions,
      perHours: policy.budget.perHours,
      used: inWindow.length,
      left,
      nextAt: nextAt === null ? null : formatInstant(nextAt, policy.utcOffsetMinutes),
    };
  }
  return {
    submissions: submissions.length,
    latest: newest ? { id: newest.id, status: newest.status, createdAt: iso(newest.createdAt), score: newest.score, maxScore: newest.maxScore } : null,
    best,
    open: policy.deadline === null || until === null || now <= until,
    budget,
  };
}

import type { Submission, User } from '../store/index.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A submission as the API shows it; `report` is exactly what `sockgrade grade --json` prints. */
export function submissionView(submission: Submission, owner: User | undefined, withReport: boolean) {
  return {
    id: submission.id,
    assignment: submission.assignmentId,
    status: submission.status,
    user: owner ? { id: owner.id, name: owner.name } : { id: submission.userId },
    createdAt: iso(submission.createdAt),
    startedAt: iso(submission.startedAt),
    finishedAt: iso(submission.finishedAt),
    attempts: submission.attempts,
    progress: submission.progress,
    error: submission.error,
    score: submission.report?.score ?? null,
    maxScore: submission.report?.maxScore ?? null,
    ...(withReport ? { report: submission.report } : {}),
  };
}

import { effectiveScore, lateness, progressForViewer, reportForViewer, type AssignmentPolicy } from '../assignments/index.js';
import type { ScoreOverride, Submission, User } from '../store/index.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Who looks, under which rules, and when. */
export interface SubmissionViewContext {
  /** Only the role matters: what a teacher sees, a student may not. */
  viewer: Pick<User, 'role'>;
  /** The assignment's policy: `catalog.policy(submission.assignmentId)`. */
  policy: AssignmentPolicy;
  /** @defaultValue Date.now() */
  now?: number;
  /** The teacher's override that counts now (issue #9): it replaces `score`, shown as such. */
  override?: ScoreOverride | null;
}

/** The override as the viewer sees it: the teacher's score and comment; who set it only for teachers. */
function overrideView(override: ScoreOverride, maxScore: number | null, automaticScore: number | null, viewer: Pick<User, 'role'>) {
  return {
    by: 'teacher' as const,
    score: override.score,
    maxScore,
    comment: override.comment,
    automaticScore,
    setAt: new Date(override.setAt).toISOString(),
    ...(viewer.role === 'teacher' ? { setBy: override.setBy } : {}),
  };
}

/**
 * A submission as the API shows it to `context.viewer`. A teacher's `report` is exactly
 * what `sockgrade grade --json` prints; a student's has the
 * tests they may not see yet redacted, and its `score`/`maxScore` count the shown tests
 * only. `score` is after the late penalty; teachers also get `rawScore`, before penalty.
 */
const NOTHING_HIDDEN = { count: 0, maxScore: 0, shownAfter: null } as const;

export function submissionView(submission: Submission, owner: User | undefined, withReport: boolean, context: SubmissionViewContext) {
  const viewer = { viewerRole: context.viewer.role, policy: context.policy, now: context.now ?? Date.now() };
  const report = submission.report && reportForViewer(submission.report, viewer);
  const automaticScore = report ? effectiveScore(report, context.policy, submission.createdAt) : null;
  const override = submission.report && context.override ? context.override : null;
  return {
    id: submission.id,
    assignment: submission.assignmentId,
    status: submission.status,
    user: owner ? { id: owner.id, name: owner.name } : { id: submission.userId },
    createdAt: iso(submission.createdAt),
    startedAt: iso(submission.startedAt),
    finishedAt: iso(submission.finishedAt),
    attempts: submission.attempts,
    progress: progressForViewer(submission.progress, viewer),
    error: submission.error,
    late: lateness(context.policy, submission.createdAt),
    score: override ? override.score : automaticScore,
    override: override ? overrideView(override, submission.report?.maxScore ?? null, automaticScore, context.viewer) : null,
    ...(context.viewer.role === 'teacher' ? { rawScore: submission.report?.score ?? null } : {}),
    maxScore: report?.maxScore ?? null,
    hiddenTests: report ? (report.hiddenTests ?? NOTHING_HIDDEN) : null,
    ...(withReport ? { report } : {}),
  };
}

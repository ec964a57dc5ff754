import { formatReport } from '../../grader/cli/format-report.js';
import { terminalSafeInline } from '../../grader/cli/terminal-text.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { progressForViewer, type ViewerReport } from '../assignments/index.js';
import type { SubmissionEvents } from '../events/submission-events.js';
import { submissionView } from '../routes/submission-view.js';
import type { Store, Submission, User } from '../store/index.js';
import type { HookReply } from './hook-channel.js';

export interface FollowDeps {
  store: Store;
  assignments: AssignmentCatalog;
  events: SubmissionEvents;
}

export interface FollowTarget {
  user: User;
  submissionId: string;
  /** `http://host:port`, for the report's link. */
  baseUrl: string;
  waitMs: number;
}

/**
 * The end of a grading as the pusher may see it: the same table `sockgrade grade` prints
 * (grader/cli/format-report.ts), of the tests shown to this viewer, then the score that
 * counts (after a late penalty) and the report's address.
 */
export function finalLines(submission: Submission, viewer: User, deps: Pick<FollowDeps, 'store' | 'assignments'>, reportUrl: string): string {
  if (submission.status === 'superseded') {
    return `Superseded by your newer submission ${submission.supersededBy ?? ''} before it was graded: that push shows its grading.\n`;
  }
  if (submission.status === 'error') {
    return `Grading failed on our side, not because of your code; your teacher can grade it again.\nDetails: ${reportUrl}\n`;
  }
  const view = submissionView(submission, viewer, true, {
    viewer,
    policy: deps.assignments.policy(submission.assignmentId),
    override: deps.store.overrides.current(submission.id) ?? null,
  });
  // The viewer's report as it is: the table marks each hidden test with its points and when it is shown.
  const lines = [formatReport(view.report as ViewerReport)];
  const late = view.late ? ` (${view.late.daysLate} day${view.late.daysLate === 1 ? '' : 's'} late: −${view.late.penaltyPercent} %)` : '';
  lines.push(`\nScore: ${view.score}/${view.maxScore}${late}\nReport: ${reportUrl}\n`);
  return lines.join('');
}

const FINAL = new Set(['done', 'error', 'superseded']);

/**
 * Tells the pusher how their submission's grading goes, from the same change events the
 * API's event stream follows: queued, grading, each test as it finishes, then the table.
 * Returns when the grading ends, the pusher goes away, or `waitMs` passes (then it says
 * where the result will be).
 */
export async function followGrading(deps: FollowDeps, target: FollowTarget, reply: HookReply): Promise<void> {
  const reportUrl = `${target.baseUrl}/submissions/${target.submissionId}`;
  const first = deps.store.submissions.get(target.submissionId);
  if (!first) return;
  const definition = deps.assignments.get(first.assignmentId);
  const policy = deps.assignments.policy(first.assignmentId);
  let lastStatus = '';
  let lastDone = 0;
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      reply.signal.removeEventListener('abort', finish);
      resolve();
    };
    const update = () => {
      const submission = deps.store.submissions.get(target.submissionId);
      if (!submission) return finish();
      if (FINAL.has(submission.status)) {
        reply.say(finalLines(submission, target.user, deps, reportUrl));
        return finish();
      }
      if (submission.status !== lastStatus) {
        lastStatus = submission.status;
        reply.say(submission.status === 'queued' ? 'Queued for grading…\n' : 'Grading…\n');
      }
      const progress = progressForViewer(submission.progress, { viewerRole: target.user.role, policy, now: Date.now() });
      if (submission.status === 'running' && progress && progress.testsDone > lastDone) {
        lastDone = progress.testsDone;
        const name = progress.test ? (definition?.tests.find((test) => test.id === progress.test!.id)?.name ?? progress.test.id) : 'a hidden test';
        const status = progress.test?.status ?? 'done';
        reply.say(`  [${progress.testsDone}/${progress.testsTotal}] ${terminalSafeInline(status)}: ${terminalSafeInline(name)}\n`);
      }
    };
    const timer = setTimeout(() => {
      reply.say(`Still grading after ${Math.round(target.waitMs / 1000)} s; the result will be at ${reportUrl}\n`);
      finish();
    }, target.waitMs);
    const unsubscribe = deps.events.subscribe(target.submissionId, update);
    reply.signal.addEventListener('abort', finish, { once: true });
    update();
  });
}

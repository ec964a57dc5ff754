import { gradingReportSchema, jobIdFor, JobPayloadError } from '../../grader/jobs.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import type { GradingQueuePort, JobLookup } from '../queue/grading-queue.js';
import type { Store } from '../store/index.js';
import { refusedReportMessage, reportProblem } from './report-problem.js';

export interface ReconcileDeps {
  store: Store;
  queue: GradingQueuePort & { lookup(submissionId: string, generation?: number): Promise<JobLookup>; removeJob(jobId: string): Promise<void> };
  assignments: AssignmentCatalog;
  log: (line: string) => void;
}

export interface ReconcileResult {
  enqueued: number;
  recorded: number;
}

/**
 * Makes every unfinished submission either have a live job or a recorded result: run at
 * start and now and then. A submission stored while Redis was down (or whose job Redis
 * lost) is enqueued again; a result that finished while the API was away is recorded.
 * Safe to run any time: the job id is the submission's, so enqueueing is idempotent.
 */
export async function reconcileSubmissions(deps: ReconcileDeps): Promise<ReconcileResult> {
  const { store, queue, log } = deps;
  const result: ReconcileResult = { enqueued: 0, recorded: 0 };
  for (const submission of store.submissions.unfinished()) {
    const job = await queue.lookup(submission.id, submission.generation);
    switch (job.state) {
      case 'live':
        break;
      case 'completed': {
        const report = gradingReportSchema.safeParse(job.result);
        const stamp = { generation: submission.generation };
        // The same check as the recorder's: a result in Redis is trusted no more than an event.
        const problem = report.success ? reportProblem(report.data, deps.assignments.get(submission.assignmentId), submission.assignmentId) : null;
        if (!report.success) store.submissions.markError(submission.id, 'The worker returned a report the service cannot read.', stamp);
        else if (problem) {
          log(`result of submission ${submission.id} refused: ${problem}`);
          store.submissions.markError(submission.id, refusedReportMessage(problem), stamp);
        } else store.submissions.markDone(submission.id, report.data, stamp);
        // A refused result stays in Redis (bounded by `removeOnComplete`) for whoever looks into it.
        if (!problem) await queue.removeJob(jobIdFor(submission.id, submission.generation));
        result.recorded++;
        break;
      }
      case 'failed':
        store.submissions.markError(submission.id, job.reason, { generation: submission.generation });
        result.recorded++;
        break;
      case 'missing': {
        const assignment = deps.assignments.get(submission.assignmentId);
        const files = store.submissions.files(submission.id);
        if (!assignment || !files) {
          const why = !assignment ? `The assignment \`${submission.assignmentId}\` no longer exists.` : 'Its files are no longer stored.';
          store.submissions.markError(submission.id, why, { generation: submission.generation });
          result.recorded++;
          break;
        }
        try {
          await queue.enqueue({ submissionId: submission.id, generation: submission.generation, assignment, files });
        } catch (error) {
          if (!(error instanceof JobPayloadError)) throw error;
          store.submissions.markError(submission.id, error.message, { generation: submission.generation });
          result.recorded++;
          break;
        }
        store.submissions.markQueued(submission.id, null, { generation: submission.generation });
        log(`submission ${submission.id} had no job: enqueued`);
        result.enqueued++;
        break;
      }
    }
  }
  return result;
}

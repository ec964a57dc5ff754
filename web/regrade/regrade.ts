import type { GradingJobData } from '../../grader/jobs.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { SubmissionEvents } from '../events/submission-events.js';
import type { GradingQueuePort } from '../queue/grading-queue.js';
import type { Regrade, Store, Submission, User } from '../store/index.js';

export interface RegradeDeps {
  store: Store;
  queue: GradingQueuePort;
  assignments: AssignmentCatalog;
  events: SubmissionEvents;
  log: (line: string) => void;
}

/**
 * Grades one finished submission again with the assignment's current tests (a teacher
 * fixed one). 404 for an unknown id, 409 while it is still waiting or being graded.
 */
export async function regradeSubmission(deps: RegradeDeps, id: string): Promise<Submission> {
  const existing = deps.store.submissions.get(id);
  if (!existing) throw new NotFoundError(`There is no submission \`${id}\`.`);
  const assignment = deps.assignments.get(existing.assignmentId);
  if (!assignment) throw new NotFoundError(`The assignment \`${existing.assignmentId}\` no longer exists.`, 'UNKNOWN_ASSIGNMENT');
  const submission = deps.store.submissions.startRegrade(id);
  if (!submission) {
    throw new ConflictError(
      existing.status === 'superseded'
        ? `Submission \`${id}\` was superseded by a newer one and is never graded.`
        : `Submission \`${id}\` is ${existing.status === 'queued' ? 'waiting to be graded' : 'being graded'} right now; it will be graded with the current tests.`,
    );
  }
  await enqueueStored(deps, [submission]);
  return submission;
}

/**
 * Queues every student's latest submission of an assignment again, in one transaction,
 * then enqueues them in bulk: the request returns at once with the regrade's id, and its
 * progress is read from the submissions' states while the workers grade.
 */
export async function regradeAssignment(deps: RegradeDeps, assignmentId: string, teacher: User): Promise<Regrade> {
  if (!deps.assignments.get(assignmentId)) throw new NotFoundError(`There is no assignment \`${assignmentId}\`.`, 'UNKNOWN_ASSIGNMENT');
  const { store } = deps;
  const { regrade, submissions } = store.regrades.transaction(() => {
    const latest = store.submissions.latestPerStudent(assignmentId);
    const finished = latest.filter((submission) => submission.status === 'done' || submission.status === 'error');
    const created = store.regrades.create({ assignmentId, requestedBy: teacher.id, total: 0, skipped: latest.length - finished.length });
    const started = finished.map((submission) => store.submissions.startRegrade(submission.id, created.id)).filter((s) => s !== null);
    store.regrades.setTotal(created.id, started.length);
    return { regrade: store.regrades.get(created.id)!, submissions: started };
  });
  deps.log(`regrade ${regrade.id} of ${assignmentId}: ${regrade.total} submissions queued, ${regrade.skipped} still in flight`);
  await enqueueStored(deps, submissions);
  return regrade;
}

/**
 * Enqueues stored submissions; when Redis is down they stay `queued` in the database
 * and the reconciler enqueues them later, so the teacher's request still succeeds.
 */
async function enqueueStored(deps: RegradeDeps, submissions: Submission[]): Promise<void> {
  const jobs: GradingJobData[] = [];
  for (const submission of submissions) {
    const assignment = deps.assignments.get(submission.assignmentId);
    const files = deps.store.submissions.files(submission.id);
    if (assignment && files) jobs.push({ submissionId: submission.id, generation: submission.generation, assignment, files });
    deps.events.publish(submission.id, 'regrade');
  }
  try {
    if (deps.queue.enqueueMany) await deps.queue.enqueueMany(jobs);
    else for (const job of jobs) await deps.queue.enqueue(job);
  } catch (error) {
    deps.log(`regrade: ${jobs.length} jobs stored but not enqueued yet: ${error instanceof Error ? error.message : String(error)}`);
  }
}

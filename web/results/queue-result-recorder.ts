import { gradingJobProgressSchema, gradingReportSchema, parseJobId } from '../../grader/jobs.js';
import { withOutsideMark } from '../../grader/timings/index.js';
import { builtinAssignments, type AssignmentCatalog } from '../assignment-catalog.js';
import type { Store } from '../store/index.js';
import { refusedReportMessage, reportProblem } from './report-problem.js';

/** The queue events the recorder listens to; BullMQ's `QueueEvents`, or an EventEmitter in tests. */
export interface QueueEventSource {
  on(event: string, listener: (args: Record<string, unknown>, eventId: string) => void): unknown;
}

const EVENTS = ['active', 'progress', 'completed', 'failed', 'waiting', 'delayed', 'stalled'] as const;

/**
 * Writes what the queue reports into the database: the API process is its only writer,
 * workers only talk to Redis. Events carry stream ids; the last one recorded is kept, so
 * after a restart the recorder reads on from there and misses nothing that Redis still
 * holds (the stream is capped; the reconciler covers older gaps).
 */
export class QueueResultRecorder {
  constructor(
    private readonly store: Store,
    private readonly queueName: string,
    private readonly log: (line: string) => void = () => {},
    /**
     * Called with the job id once a report is safely in the database: the service removes
     * the job then, so Redis (memory, `noeviction`) holds only jobs still in flight and
     * results not yet recorded, not every submission's files.
     */
    private readonly onRecorded: (jobId: string) => void = () => {},
    /** Called after an event changed a submission: the API's live event streams listen here. */
    private readonly onChange: (submissionId: string, event: string) => void = () => {},
    /** What a report is checked against: the submission's assignment as this service knows it. @defaultValue the built-ins */
    private readonly assignments: Pick<AssignmentCatalog, 'get'> = builtinAssignments,
  ) {}

  /** The stream id to resume from: after the last recorded event, or from the start. */
  get lastEventId(): string {
    return this.store.meta.get(this.metaKey) ?? '0-0';
  }

  attach(events: QueueEventSource): void {
    for (const event of EVENTS) events.on(event, (args, eventId) => this.handle(event, args, eventId));
  }

  /** One event; never throws (a throwing listener would stop BullMQ's event loop). */
  handle(event: string, args: Record<string, unknown>, eventId?: string): void {
    try {
      const job = parseJobId(typeof args.jobId === 'string' ? args.jobId : undefined);
      if (job && this.apply(event, job.submissionId, job.generation, args)) this.onChange(job.submissionId, event);
    } catch (error) {
      this.log(`queue event ${event} for ${String(args.jobId)} not recorded: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (eventId) this.store.meta.set(this.metaKey, eventId);
  }

  /** Applies one event to the grading `generation` it belongs to; true when the submission changed. */
  private apply(event: string, id: string, generation: number, args: Record<string, unknown>): boolean {
    const submissions = this.store.submissions;
    const stamp = { generation };
    switch (event) {
      case 'active':
        return submissions.markRunning(id, stamp);
      case 'progress': {
        const progress = gradingJobProgressSchema.safeParse(args.data);
        return progress.success && submissions.markProgress(id, progress.data, stamp);
      }
      case 'completed': {
        const submission = submissions.get(id);
        if (!submission) return false;
        const report = gradingReportSchema.safeParse(args.returnvalue);
        if (!report.success) {
          const changed = submissions.markError(id, `The worker returned a report the service cannot read (${report.error.issues[0]?.message}).`, stamp);
          this.onRecorded(String(args.jobId));
          return changed;
        }
        // Checked against the job it claims to finish (issue #12): a `completed` event
        // written into Redis by someone else must not become a grade. Refused, the
        // submission ends as `error` (a real result arriving later still replaces it, as
        // `markDone` accepts `error`), and the job stays in Redis for whoever looks into it.
        const problem = reportProblem(report.data, this.assignments.get(submission.assignmentId), submission.assignmentId);
        if (problem) {
          this.log(`result of ${String(args.jobId)} refused: ${problem}`);
          return submissions.markError(id, refusedReportMessage(problem), stamp);
        }
        // The last mark of the report's timings (issue #11): when the service stored it.
        const stored = report.data.timings ? { ...report.data, timings: withOutsideMark(report.data.timings, 'recorded', Date.now()) } : report.data;
        const changed = submissions.markDone(id, stored, stamp);
        this.onRecorded(String(args.jobId));
        return changed;
      }
      case 'failed':
        // Only after the last attempt: retries show as `waiting` or `delayed`.
        return submissions.markError(id, typeof args.failedReason === 'string' ? args.failedReason : 'Grading failed.', stamp);
      case 'waiting':
      case 'delayed':
      case 'stalled':
        return submissions.markQueued(id, null, stamp);
      default:
        return false;
    }
  }

  private get metaKey(): string {
    return `queue-events:${this.queueName}`;
  }
}

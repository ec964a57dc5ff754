import type { RequestHandler } from 'express';
import { canSeeSubmission, currentUser } from '../auth/index.js';
import { NotFoundError, TooManyRequestsError } from '../errors.js';
import { openEventStream } from '../events/event-stream.js';
import type { SubmissionEvents } from '../events/submission-events.js';
import type { Store, Submission, User } from '../store/index.js';

const FINAL = new Set(['done', 'error', 'superseded']);

export interface SubmissionEventsDeps {
  store: Store;
  events: SubmissionEvents;
  /** The submission as this viewer may see it (with the report when `withReport`). */
  present(submission: Submission, viewer: User, withReport: boolean): unknown;
  /** The live progress as this viewer may see it: without the name of a test hidden from them. */
  presentProgress(submission: Submission, viewer: User): unknown;
  /** Streams one user may hold open at once; beyond it 429 (issue #12: each holds a socket and a listener). @defaultValue 10 */
  maxStreamsPerUser?: number;
}

/**
 * `GET /api/submissions/:id/events`: Server-Sent Events from now until the grading ends.
 * `status` on connect and on every change of state, `progress` after each test as the
 * peer reports it, and a last `done` with the report (also for `error` and `superseded`),
 * after which the server closes the stream. A client that connects late still gets the
 * current state first, so nothing depends on having listened from the start.
 */
export function submissionEventsRoute(deps: SubmissionEventsDeps): RequestHandler {
  const maxStreams = deps.maxStreamsPerUser ?? 10;
  /** Open streams by user id. */
  const open = new Map<number, number>();
  return (req, res) => {
    const viewer = currentUser(res);
    const id = String(req.params.id);
    const first = deps.store.submissions.get(id);
    if (!first || !canSeeSubmission(viewer, first)) throw new NotFoundError(`There is no submission \`${id}\`.`);
    const holding = open.get(viewer.id) ?? 0;
    if (holding >= maxStreams) {
      throw new TooManyRequestsError(
        `You have ${holding} live views of submissions open; at most ${maxStreams} are allowed at once. Close some browser tabs (or stop other scripts following submissions) and try again.`,
        10,
        'TOO_MANY_STREAMS',
      );
    }
    open.set(viewer.id, holding + 1);

    const stream = openEventStream(req, res);
    let lastStatus: string | undefined;
    let lastProgress: string | undefined;
    const update = () => {
      const submission = deps.store.submissions.get(id);
      if (!submission) return stream.close();
      if (FINAL.has(submission.status)) {
        stream.send('done', deps.present(submission, viewer, true));
        return stream.close();
      }
      if (submission.status !== lastStatus) {
        lastStatus = submission.status;
        stream.send('status', deps.present(submission, viewer, false));
      }
      const progress = submission.progress ? JSON.stringify(submission.progress) : undefined;
      if (progress && progress !== lastProgress && submission.status === 'running') stream.send('progress', deps.presentProgress(submission, viewer));
      lastProgress = progress;
    };
    const unsubscribe = deps.events.subscribe(id, update);
    const unclose = deps.events.onClose(() => stream.close());
    stream.signal.addEventListener(
      'abort',
      () => {
        unsubscribe();
        unclose();
        const left = (open.get(viewer.id) ?? 1) - 1;
        if (left > 0) open.set(viewer.id, left);
        else open.delete(viewer.id);
      },
      { once: true },
    );
    update();
  };
}

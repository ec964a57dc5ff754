import { QueueEvents } from 'bullmq';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { quietRepeats } from '../../grader/quiet-repeats.js';
import type { AssignmentCatalog } from '../assignment-catalog.js';
import type { GradingQueue } from '../queue/grading-queue.js';
import type { ShutdownStack } from '../shutdown-stack.js';
import type { SubmissionEvents } from '../events/submission-events.js';
import type { Store } from '../store/index.js';
import { QueueResultRecorder } from './queue-result-recorder.js';
import { reconcileSubmissions } from './reconcile-submissions.js';

export interface ResultsOptions {
  store: Store;
  queue: GradingQueue;
  assignments: AssignmentCatalog;
  redisUrl: string;
  queueName: string;
  reconcileIntervalMs: number;
  shutdown: ShutdownStack;
  /** Told of every change the recorder writes: the API's live event streams. */
  events: SubmissionEvents;
  log: (line: string) => void;
}

/**
 * The API's side of the results: queue events recorded into the database (from where
 * the last start left off), then a reconcile of every unfinished submission, at start and
 * every `reconcileIntervalMs`. Listening starts before the reconcile enqueues anything, so
 * no event of those jobs is missed.
 */
export async function startResults(opts: ResultsOptions): Promise<void> {
  const { store, queue, log } = opts;
  const recorder = new QueueResultRecorder(
    store,
    opts.queueName,
    log,
    (jobId) => {
      queue.removeJob(jobId).catch((error: unknown) => log(`could not remove finished job ${jobId}: ${String(error)}`));
    },
    (submissionId, event) => opts.events.publish(submissionId, event),
    opts.assignments,
  );
  const events = new QueueEvents(opts.queueName, {
    connection: redisConnectionOptions(opts.redisUrl, 'worker'),
    lastEventId: recorder.lastEventId,
    autorun: false,
  });
  recorder.attach(events);
  const trouble = quietRepeats(log);
  events.on('error', (error) => trouble(`queue events: ${error.message}`));
  // Bounded short: with Redis gone, BullMQ's close waits for a reconnect that never comes.
  opts.shutdown.add('queue events', () => events.close(), 3_000);
  void events.run().catch((error: unknown) => log(`queue events stopped: ${String(error)}`));
  await events.waitUntilReady();

  const reconcile = serialized(() => reconcileSubmissions({ store, queue, assignments: opts.assignments, log }));
  const recovered = await reconcile();
  if (recovered.enqueued || recovered.recorded) {
    log(`recovered unfinished submissions: ${recovered.enqueued} enqueued again, ${recovered.recorded} results recorded`);
  }
  const timer = setInterval(() => {
    reconcile().catch((error: unknown) => log(`reconcile: ${error instanceof Error ? error.message : String(error)}`));
  }, opts.reconcileIntervalMs);
  timer.unref();
  opts.shutdown.add('reconciler', () => clearInterval(timer));
}

/** Calls of `fn` never overlap: a call while one runs gets that one's result. */
function serialized<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => (running ??= fn().finally(() => (running = undefined)));
}

import { EventEmitter } from 'node:events';

/** Why a submission changed: a queue event name, or what the API did to it. */
export type SubmissionChange = 'created' | 'superseded' | 'regrade' | string;

/** A symbol, so no submission id can collide with it. */
const CLOSE = Symbol('close all streams');

export type SubmissionListener = (submissionId: string, change: SubmissionChange) => void;

/**
 * Tells live event streams that a submission changed. In-process is enough: the API
 * process is the only writer of the database (workers only talk to Redis), so every
 * change passes through here. Listeners re-read the submission; the event carries no state.
 */
export class SubmissionEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open stream: hundreds of students watching is normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(submissionId: string, change: SubmissionChange): void {
    this.emitter.emit(submissionId, submissionId, change);
  }

  /** Returns the unsubscribe function; call it when the stream closes. */
  subscribe(submissionId: string, listener: SubmissionListener): () => void {
    this.emitter.on(submissionId, listener);
    return () => this.emitter.off(submissionId, listener);
  }

  /** Called when the service shuts down: open streams end so the HTTP server can close at once. */
  onClose(listener: () => void): () => void {
    this.emitter.on(CLOSE, listener);
    return () => this.emitter.off(CLOSE, listener);
  }

  closeAll(): void {
    this.emitter.emit(CLOSE);
  }

  /** Open subscriptions of one submission: for tests and metrics. */
  listeners(submissionId: string): number {
    return this.emitter.listenerCount(submissionId);
  }
}

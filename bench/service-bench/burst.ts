import type { ApiClient } from './api-client.js';
import { ASSIGNMENT, type SubmissionCase } from './submission-mix.js';

/** One student's hand-in: what they sent, when, and the id the service gave it. */
export interface Submitted {
  index: number;
  case: SubmissionCase;
  /** `Date.now()` just before the upload started: latency counts from here. */
  submittedAt: number;
  id: string | null;
  /** Why the service did not take it (then `id` is null). */
  rejected: string | null;
}

/**
 * Every student submits at the same moment, like a class at the deadline: all uploads
 * in flight at once, each answered 202 with the id to poll.
 */
export async function submitBurst(api: ApiClient, tokens: string[], sequence: SubmissionCase[]): Promise<Submitted[]> {
  return Promise.all(
    sequence.map(async (submission, index): Promise<Submitted> => {
      const submittedAt = Date.now();
      try {
        const body = { assignment: ASSIGNMENT, files: submission.files };
        const { id } = await api.call<{ id: string }>('POST', '/api/submissions', tokens[index]!, { body, expect: 202 });
        return { index, case: submission, submittedAt, id, rejected: null };
      } catch (error) {
        return { index, case: submission, submittedAt, id: null, rejected: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

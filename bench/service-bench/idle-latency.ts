import type { ApiClient, SubmissionView } from './api-client.js';
import { ASSIGNMENT, type SubmissionCase } from './submission-mix.js';

/** Status polls of the one submission in flight: short, so the poll does not blur the figure (finishedAt is what counts). */
const POLL_MS = 10;

export interface IdleFigures {
  /** Upload start → the stored `finishedAt`, one submission at a time, ms. */
  latenciesMs: number[];
  /** Those not graded with the fixture's exact score. */
  wrongScores: string[];
}

/**
 * The idle service (issue #11: upload → score of a correct echo server p50 ≤ 1.0 s): one
 * student after another hands in `correct` while nothing else runs; each waits for its
 * score before the next uploads. The first is a warm-up (pool boot, caches) and not counted.
 */
export async function measureIdleLatency(api: Pick<ApiClient, 'call'>, tokens: string[], correct: SubmissionCase, signal: AbortSignal): Promise<IdleFigures> {
  const latenciesMs: number[] = [];
  const wrongScores: string[] = [];
  for (const [index, token] of tokens.entries()) {
    if (signal.aborted) break;
    const submittedAt = Date.now();
    const { id } = await api.call<{ id: string }>('POST', '/api/submissions', token, { body: { assignment: ASSIGNMENT, files: correct.files }, expect: 202 });
    let view: SubmissionView;
    for (;;) {
      view = await api.call<SubmissionView>('GET', `/api/submissions/${id}`, token);
      if (view.status === 'done' || view.status === 'error' || signal.aborted) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (view.status !== 'done' || view.score !== correct.expectedScore) wrongScores.push(`${id}: ${view.status}, score ${view.score} (expected ${correct.expectedScore})`);
    else if (index > 0 && view.finishedAt) latenciesMs.push(Date.parse(view.finishedAt) - submittedAt);
  }
  return { latenciesMs, wrongScores };
}

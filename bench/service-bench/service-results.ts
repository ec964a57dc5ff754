import type { ApiClient, SubmissionView } from './api-client.js';
import type { Submitted } from './burst.js';
import type { Kind } from './submission-mix.js';
import { mapLimited } from './map-limited.js';

/** What the service made of the burst, checked submission by submission. */
export interface ServiceFigures {
  submitted: number;
  /** Submissions that reached status done. */
  graded: number;
  /** Done with exactly the fixture's expected score. */
  scoredAsExpected: number;
  /** Submitted but not graded: rejected, still unfinished, ended in `error`, or missing from the database. */
  lost: string[];
  /** Graded more than once (attempts > 1), ids handed out twice, or more database rows than accepted uploads. */
  duplicated: string[];
  /** Graded with another score than the fixture's expected one. */
  wrongScores: string[];
  /** Upload start → `finishedAt` of each graded submission, ms. */
  latenciesMs: number[];
  /** Mean `startedAt` → `finishedAt` per kind: one grading run in the worker, without the wait in the queue. */
  runMsByKind: Map<Kind, number>;
  /** First upload start → last `finishedAt`, ms. */
  spanMs: number;
  /** First upload start → last 202, ms. */
  acceptMs: number;
}

/**
 * Looks every submission up once more by id (after the timed part) and checks it: done,
 * graded once, the fixture's exact score; and that the database holds no more and no fewer.
 */
export async function collectServiceResults(
  api: Pick<ApiClient, 'call'>,
  teacherToken: string,
  burst: Submitted[],
  acceptedAt: number,
  dbCount: number,
): Promise<ServiceFigures> {
  const accepted = burst.filter((s): s is Submitted & { id: string } => s.id !== null);
  const views = await mapLimited(accepted, 10, (s) => api.call<SubmissionView>('GET', `/api/submissions/${s.id}`, teacherToken));
  const figures: ServiceFigures = { submitted: burst.length, graded: 0, scoredAsExpected: 0, lost: [], duplicated: [], wrongScores: [], latenciesMs: [], runMsByKind: new Map(), spanMs: 0, acceptMs: 0 };
  const runs = new Map<Kind, number[]>();
  for (const s of burst) if (s.rejected) figures.lost.push(`#${s.index} (${s.case.kind}) not accepted: ${s.rejected}`);
  const firstSubmit = Math.min(...burst.map((s) => s.submittedAt));
  let lastFinish = firstSubmit;
  accepted.forEach((s, k) => {
    const view = views[k]!;
    const label = `${s.id} (${s.case.kind}, #${s.index})`;
    if (view.status !== 'done' || view.finishedAt === null) {
      figures.lost.push(`${label} ended ${view.status}${view.error ? `: ${view.error}` : ''}`);
      return;
    }
    figures.graded++;
    if (view.attempts !== 1) figures.duplicated.push(`${label} graded ${view.attempts} times`);
    if (view.score === s.case.expectedScore && view.maxScore === s.case.maxScore) figures.scoredAsExpected++;
    else figures.wrongScores.push(`${label} scored ${view.score}/${view.maxScore}, expected ${s.case.expectedScore}/${s.case.maxScore}`);
    const finishedAt = Date.parse(view.finishedAt);
    figures.latenciesMs.push(finishedAt - s.submittedAt);
    lastFinish = Math.max(lastFinish, finishedAt);
    if (view.startedAt) runs.set(s.case.kind, [...(runs.get(s.case.kind) ?? []), finishedAt - Date.parse(view.startedAt)]);
  });
  const ids = accepted.map((s) => s.id);
  const distinct = new Set(ids).size;
  if (distinct !== ids.length) figures.duplicated.push(`${ids.length - distinct} id(s) handed out twice`);
  if (dbCount > distinct) figures.duplicated.push(`the database holds ${dbCount} submissions for ${distinct} accepted`);
  if (dbCount < distinct) figures.lost.push(`the database holds ${dbCount} submissions for ${distinct} accepted`);
  for (const [kind, ms] of runs) figures.runMsByKind.set(kind, ms.reduce((a, b) => a + b, 0) / ms.length);
  figures.spanMs = lastFinish - firstSubmit;
  figures.acceptMs = acceptedAt - firstSubmit;
  return figures;
}

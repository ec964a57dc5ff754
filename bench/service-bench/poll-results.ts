import type { ApiClient, SubmissionView } from './api-client.js';
import { ASSIGNMENT } from './submission-mix.js';

const FINISHED = new Set(['done', 'error', 'superseded']);
/** Ids the list did not show, looked up one by one per tick (the list answers the newest 100 only). */
const SINGLE_LOOKUPS_PER_TICK = 10;

export interface PollOptions {
  teacherToken: string;
  /** @defaultValue 500 ms */
  intervalMs?: number;
  deadline: number;
  signal: AbortSignal;
  /** Called about every 5 s with how far grading is. */
  report: (line: string) => void;
}

/**
 * Waits until every id has finished (done, error or superseded) or the deadline passes;
 * answers the last view of each id seen. One teacher list request per tick instead of one
 * request per submission; ids the list leaves out are looked up a few at a time. Latency
 * is taken from the stored `finishedAt`, so the poll interval does not blur it.
 */
export async function pollUntilFinished(api: Pick<ApiClient, 'call'>, ids: string[], opts: PollOptions): Promise<Map<string, SubmissionView>> {
  const latest = new Map<string, SubmissionView>();
  const wanted = new Set(ids);
  const unfinished = () => ids.filter((id) => !FINISHED.has(latest.get(id)?.status ?? 'queued'));
  let nextReport = Date.now() + 5_000;
  let cursor = 0;
  while (unfinished().length > 0 && Date.now() < opts.deadline && !opts.signal.aborted) {
    const listed = await api.call<{ submissions: SubmissionView[] }>('GET', `/api/submissions?assignment=${ASSIGNMENT}`, opts.teacherToken);
    const seen = new Set<string>();
    for (const view of listed.submissions) {
      if (!wanted.has(view.id)) continue;
      latest.set(view.id, view);
      seen.add(view.id);
    }
    const unlisted = unfinished().filter((id) => !seen.has(id));
    const batch = Array.from({ length: Math.min(SINGLE_LOOKUPS_PER_TICK, unlisted.length) }, (_, k) => unlisted[(cursor + k) % unlisted.length]!);
    cursor += batch.length;
    for (const view of await Promise.all(batch.map((id) => api.call<SubmissionView>('GET', `/api/submissions/${id}`, opts.teacherToken)))) {
      latest.set(view.id, view);
    }
    if (Date.now() >= nextReport) {
      opts.report(progressLine(ids, latest));
      nextReport += 5_000;
    }
    if (unfinished().length > 0) await sleep(opts.intervalMs ?? 500, opts.signal);
  }
  return latest;
}

function progressLine(ids: string[], latest: Map<string, SubmissionView>): string {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const status = latest.get(id)?.status ?? 'queued';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

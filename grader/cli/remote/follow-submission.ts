import { ServiceError, type ServiceClient } from './service-client.js';
import { readServerEvents } from './sse-reader.js';

/** What `GET /api/submissions/:id` and the events' `status`/`done` carry (the fields the CLI reads). */
export interface SubmissionState {
  id: string;
  assignment: string;
  status: 'queued' | 'running' | 'done' | 'error' | 'superseded';
  error: string | null;
  score: number | null;
  maxScore: number | null;
  late: { daysLate: number; penaltyPercent: number } | null;
  override: { score: number; comment: string | null } | null;
  progress: Progress | null;
  report?: unknown;
}

export interface Progress {
  testsDone: number;
  testsTotal: number;
  test?: { id: string; status: string };
}

const FINAL = new Set(['done', 'error', 'superseded']);

export interface FollowOptions {
  token: string;
  onState?: (state: SubmissionState) => void;
  onProgress?: (progress: Progress) => void;
  /** Aborted on Ctrl-C, or when the caller's overall time is up. */
  signal: AbortSignal;
  /** No byte for this long ends a stream. @defaultValue 45 s (the service sends a heartbeat every 15 s) */
  idleMs?: number;
  /** Between two attempts after a stream broke. @defaultValue 2 s */
  retryMs?: number;
}

/**
 * Follows a submission until grading ends and returns its last state (with the report):
 * over the live events (`GET /api/submissions/:id/events`), and when a stream breaks or
 * is refused (too many open), by reading the submission again, then streaming again.
 */
export async function followSubmission(client: ServiceClient, id: string, opts: FollowOptions): Promise<SubmissionState> {
  const path = `/api/submissions/${encodeURIComponent(id)}`;
  for (;;) {
    const final = await streamOnce(client, `${path}/events`, opts).catch((error: unknown) => {
      if (opts.signal.aborted) throw opts.signal.reason;
      // 401/403/404 will not get better by asking again.
      if (error instanceof ServiceError && error.status !== undefined && error.status < 500 && error.status !== 429) throw error;
      return undefined;
    });
    if (final) return final;
    const state = await client.json<SubmissionState>(path, { token: opts.token, signal: opts.signal });
    if (FINAL.has(state.status)) return state;
    opts.onState?.(state);
    await sleep(opts.retryMs ?? 2_000, opts.signal);
  }
}

/** One stream: the final state, or undefined when it ended without one. */
async function streamOnce(client: ServiceClient, path: string, opts: FollowOptions): Promise<SubmissionState | undefined> {
  const request = new AbortController();
  const signal = AbortSignal.any([opts.signal, request.signal]);
  try {
    const response = await client.request(path, { token: opts.token, accept: 'text/event-stream', stream: true, signal });
    if (!response.body) return undefined;
    // Node 20 reads a web ReadableStream as an async iterable; its type here does not say so.
    for await (const event of readServerEvents(response.body as unknown as AsyncIterable<Uint8Array>, { idleMs: opts.idleMs ?? 45_000 })) {
      const data = JSON.parse(event.data) as unknown;
      if (event.event === 'done') return data as SubmissionState;
      if (event.event === 'status') opts.onState?.(data as SubmissionState);
      else if (event.event === 'progress') opts.onProgress?.(data as Progress);
    }
    return undefined;
  } finally {
    request.abort();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

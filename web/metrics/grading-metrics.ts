import { withTimeout } from '../../grader/with-timeout.js';
import type { QueueDepth } from '../queue/grading-queue.js';
import type { FinishedTimes, MetricsStore, SubmissionStatus } from '../store/index.js';
import { summarize, type Summary } from './percentiles.js';
import { summarizePhases, type PhaseSummary } from './phase-metrics.js';
import type { TimingMark } from '../../grader/timings/index.js';

/** How long gradings took, over one set of finished submissions. */
export interface LatencySummary {
  finished: number;
  /** From upload to result: what a student waits. Regraded submissions are left out (their upload was long before). */
  submitToFinishedMs: Summary;
  /** From a worker taking the job (its last attempt) to result: the grading itself. */
  startToFinishedMs: Summary;
}

export interface GradingMetrics {
  at: string;
  /** Null when no queue is connected or Redis did not answer (then `queueError` says why). */
  queue: QueueDepth | null;
  queueError?: string;
  submissions: Record<SubmissionStatus, number> & { total: number };
  latency: { lastHour: LatencySummary; last200: LatencySummary };
  throughput: { finishedLast10Min: number; perMinute: number };
  /** Each phase of the last 200 gradings with timings (report `timings`, README *Timings*). */
  phases: { last200: Partial<Record<TimingMark, PhaseSummary>> };
}

export interface MetricsSources {
  metrics: MetricsStore;
  /** The grading queue's job counts. @defaultValue none: `queue` is null */
  queueDepth?: () => Promise<QueueDepth>;
  /** @defaultValue `Date.now` */
  now?: () => number;
  /** A hung Redis makes the figures say so instead of hanging the request. @defaultValue 2000 */
  queueTimeoutMs?: number;
}

export const LATENCY_WINDOW_MS = 3600_000;
export const LATENCY_LAST_N = 200;
export const THROUGHPUT_WINDOW_MS = 10 * 60_000;

export function summarizeLatency(rows: readonly FinishedTimes[]): LatencySummary {
  return {
    finished: rows.length,
    submitToFinishedMs: summarize(rows.flatMap((row) => (row.regraded ? [] : [row.finishedAt - row.createdAt]))),
    startToFinishedMs: summarize(rows.flatMap((row) => (row.startedAt === null ? [] : [row.finishedAt - row.startedAt]))),
  };
}

/** One snapshot of the figures behind `GET /api/metrics` and `GET /metrics`. */
export async function collectMetrics(sources: MetricsSources): Promise<GradingMetrics> {
  const now = (sources.now ?? Date.now)();
  const { metrics } = sources;
  const byStatus = metrics.countByStatus();
  const finishedLast10Min = metrics.countFinishedSince(now - THROUGHPUT_WINDOW_MS);
  const queue = await readQueue(sources);
  return {
    at: new Date(now).toISOString(),
    ...queue,
    submissions: { ...byStatus, total: Object.values(byStatus).reduce((sum, n) => sum + n, 0) },
    latency: {
      lastHour: summarizeLatency(metrics.finishedSince(now - LATENCY_WINDOW_MS)),
      last200: summarizeLatency(metrics.lastFinished(LATENCY_LAST_N)),
    },
    throughput: { finishedLast10Min, perMinute: Math.round((finishedLast10Min / (THROUGHPUT_WINDOW_MS / 60_000)) * 100) / 100 },
    phases: { last200: summarizePhases(metrics.lastPhases(LATENCY_LAST_N)) },
  };
}

async function readQueue(sources: MetricsSources): Promise<Pick<GradingMetrics, 'queue' | 'queueError'>> {
  if (!sources.queueDepth) return { queue: null, queueError: 'No grading queue is connected to this API process.' };
  try {
    return { queue: await withTimeout(sources.queueDepth(), sources.queueTimeoutMs ?? 2000, 'Redis did not report the queue depth') };
  } catch (error) {
    return { queue: null, queueError: error instanceof Error ? error.message : String(error) };
  }
}

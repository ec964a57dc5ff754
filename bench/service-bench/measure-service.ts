import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './api-client.js';
import type { BenchOptions } from './bench-options.js';
import { startCpuMeter, type CpuUse } from './cpu-meter.js';
import { createStudents, startBenchService, type BenchService } from './bench-service.js';
import { submitBurst } from './burst.js';
import { measureIdleLatency, type IdleFigures } from './idle-latency.js';
import { pollUntilFinished } from './poll-results.js';
import { collectServiceResults, type ServiceFigures } from './service-results.js';
import type { SubmissionCase } from './submission-mix.js';

const KEPT_LOG_LINES = 40;
/** Submissions of the idle phase before the burst (the first is a warm-up). */
const IDLE_SUBMISSIONS = 11;

/**
 * Starts the service in a temporary data dir, lets one student per submission hand in at
 * the same moment, waits until all are graded, checks each, and stops the service again
 * (its worker removes its warm pods on close).
 */
export async function measureService(
  opts: BenchOptions & { distDir: string; signal: AbortSignal; report: (line: string) => void },
  sequence: SubmissionCase[],
): Promise<ServiceFigures & { cpu: CpuUse; idle: IdleFigures }> {
  const tmp = await mkdtemp(join(tmpdir(), 'sockgrade-bench-'));
  const recent: string[] = [];
  const log = (line: string) => {
    if (opts.verbose) opts.report(`[service] ${line}`);
    recent.push(line);
    if (recent.length > KEPT_LOG_LINES) recent.shift();
  };
  let running: BenchService | undefined;
  try {
    running = await startBenchService({ dataDir: join(tmp, 'data'), concurrency: opts.concurrency, distDir: opts.distDir, log });
    const { service, teacherToken } = running;
    const api = new ApiClient(service.url);
    const allTokens = await createStudents(api, teacherToken, sequence.length + IDLE_SUBMISSIONS);
    const tokens = allTokens.slice(0, sequence.length);
    const correct = sequence.find((c) => c.kind === 'correct');
    let idle: IdleFigures = { latenciesMs: [], wrongScores: [] };
    if (correct) {
      opts.report(`service at ${service.url}; idle: ${IDLE_SUBMISSIONS} correct submissions one after another (the first a warm-up)`);
      idle = await measureIdleLatency(api, allTokens.slice(sequence.length), correct, opts.signal);
    }
    opts.report(`${tokens.length} students created; the burst starts`);
    const stopMeter = startCpuMeter();
    const burst = await submitBurst(api, tokens, sequence);
    const acceptedAt = Date.now();
    const ids = burst.flatMap((s) => (s.id ? [s.id] : []));
    opts.report(`${ids.length}/${burst.length} accepted in ${((acceptedAt - burst[0]!.submittedAt) / 1000).toFixed(1)} s; grading`);
    const deadline = Date.now() + opts.timeoutMs;
    await pollUntilFinished(api, ids, { teacherToken, deadline, signal: opts.signal, report: opts.report });
    const cpu = stopMeter();
    const figures = await collectServiceResults(api, teacherToken, burst, acceptedAt, service.store.submissions.count() - IDLE_SUBMISSIONS);
    return { ...figures, wrongScores: [...figures.wrongScores, ...idle.wrongScores.map((line) => `idle: ${line}`)], cpu, idle };
  } catch (error) {
    if (!opts.verbose && recent.length) opts.report(`the service's last log lines:\n  ${recent.join('\n  ')}`);
    throw error;
  } finally {
    await running?.service.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

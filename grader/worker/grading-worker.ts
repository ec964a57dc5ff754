import type Dockerode from 'dockerode';
import { Worker, type RedisOptions } from 'bullmq';
import { listAssignments } from '../../checks/index.js';
import { GRADING_QUEUE_NAME } from '../jobs.js';
import { quietRepeats } from '../quiet-repeats.js';
import { RedisUnreachableError } from '../queue-connection.js';
import type { GradingReport } from '../report.js';
import { gradeSubmission, type GradeOptions } from '../run-submission.js';
import { ensureImages, ON_DEMAND_RUNTIMES, type ImageSource, type OnDemandRuntime } from '../sandbox/images/index.js';
import { reapOrphans } from '../sandbox/reaper.js';
import { requireRunImages } from '../sandbox/run-images.js';
import { WarmPodPool } from '../sandbox/warm-pod-pool.js';
import { withTimeout } from '../with-timeout.js';
import { createGradeJobProcessor, type GradingProcessor } from './grade-job.js';
import { defaultConcurrency } from './default-concurrency.js';

/** How long a close with no job running may take before the connection is cut. */
const IDLE_CLOSE_MS = 5_000;

export interface GradingWorkerOptions {
  /** From `redisConnectionOptions(url, 'worker')`: `maxRetriesPerRequest: null`. */
  connection: RedisOptions;
  docker: Dockerode;
  /** The compiled project: the peer image's tag is a hash of its `checks/`. */
  distDir: string;
  /** @defaultValue 'auto' */
  imageSource?: ImageSource;
  /**
   * Build a missing C or Java student image when a job needs it (needs root, like
   * `images build`; a few minutes the first time, during which that job waits). Off: such
   * a job fails with `IMAGE_MISSING` naming `images build --runtime …`. @defaultValue true
   */
  buildImagesOnDemand?: boolean;
  /** @defaultValue 'sockgrade-grading' */
  queueName?: string;
  /** Grading runs at once; the warm-pod pool keeps as many pods ready. @defaultValue four times the cores (`defaultConcurrency`) */
  concurrency?: number;
  /** How often containers of dead grader processes on this host are swept. @defaultValue 60 s */
  reapIntervalMs?: number;
  /**
   * How long a job stays locked to this worker without a renewal (renewed every half of
   * it while the run goes on). When the process dies, the job waits this long before the
   * stalled check hands it to another worker. @defaultValue 30 s (BullMQ's)
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs of dead workers (stalled) to hand back to the queue. @defaultValue 30 s (BullMQ's) */
  stalledIntervalMs?: number;
  /** How long `close()` waits for running jobs before cancelling them back to the queue. @defaultValue 60 s */
  shutdownGraceMs?: number;
  /** How long start waits for Redis to answer. @defaultValue 10 s */
  connectTimeoutMs?: number;
  /** One line per job event (graded, failed, cancelled) and worker trouble. */
  log?: (line: string) => void;
  /** Diagnostics of each run: every Docker call, the peer's log lines. @defaultValue none */
  runLog?: (line: string) => void;
  /** @defaultValue gradeSubmission */
  grade?: (opts: GradeOptions) => Promise<GradingReport>;
}

/**
 * A grading worker: takes jobs from the queue, grades each in a sandbox pod, returns the
 * report as the job's result. Holds no database; any number of them on any number of
 * Docker hosts can serve one queue.
 */
export class GradingWorker {
  private closing: Promise<void> | undefined;
  private cancelled = false;
  /** Grading runs in progress, counted here: BullMQ does not say. */
  private active = 0;
  private reaping: Promise<unknown> = Promise.resolve();
  private readonly reapTimer: NodeJS.Timeout;

  private constructor(
    private readonly worker: Worker<unknown, GradingReport>,
    private readonly pool: WarmPodPool,
    private readonly opts: GradingWorkerOptions & { log: (line: string) => void },
  ) {
    this.reapTimer = setInterval(() => this.reap(), opts.reapIntervalMs ?? 60_000);
    this.reapTimer.unref();
  }

  /**
   * Checks the images (a worker without them could only fail jobs: better to say so at
   * start), sweeps what dead processes left, fills the pod pool, then takes jobs.
   */
  static async start(options: GradingWorkerOptions): Promise<GradingWorker> {
    const opts = { ...options, log: options.log ?? (() => {}) };
    const { docker, distDir, log } = opts;
    const runLog = opts.runLog ?? (() => {});
    const concurrency = opts.concurrency ?? defaultConcurrency();
    const source = opts.imageSource ?? 'auto';
    // The C and Java images are not required at start: they are built on the first job that needs one (issue #14).
    const runtimes = [...new Set(listAssignments().map((assignment) => assignment.runtime.image))].filter(
      (runtime) => !(ON_DEMAND_RUNTIMES as readonly string[]).includes(runtime),
    );
    const [images] = await Promise.all(runtimes.map((runtime) => requireRunImages(docker, distDir, runtime, source)));
    const buildOnDemand =
      opts.buildImagesOnDemand === false
        ? undefined
        : (runtime: OnDemandRuntime) => {
            log(`building the ${runtime} student image for the first submission that needs it…`);
            return ensureImages({ docker, distDir, source, runtimes: [runtime], log });
          };
    await reapOrphans(docker, { log });
    const pool = new WarmPodPool({ docker, peerImage: images!.peer, size: concurrency, log: runLog });
    pool.start();
    let self: GradingWorker | undefined;
    const processor = createGradeJobProcessor({
      docker,
      images: (runtime) => requireRunImages(docker, distDir, runtime, source, { buildOnDemand }),
      grade: opts.grade ?? gradeSubmission,
      pool,
      shuttingDown: () => self?.cancelled ?? false,
      log: runLog,
    });
    // Three parameters, so BullMQ passes its cancellation signal (see createGradeJobProcessor).
    const counted: GradingProcessor = async (job, token, signal) => {
      self!.active++;
      try {
        return await processor(job, token, signal);
      } finally {
        self!.active--;
      }
    };
    const worker = new Worker<unknown, GradingReport>(opts.queueName ?? GRADING_QUEUE_NAME, counted, {
      connection: opts.connection,
      concurrency,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      autorun: false,
    });
    logJobEvents(worker, log);
    self = new GradingWorker(worker, pool, opts);
    void worker.run().catch((error: unknown) => log(`worker stopped: ${String(error)}`));
    const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
    try {
      await withTimeout(worker.waitUntilReady(), connectTimeoutMs, 'Redis did not answer');
    } catch (error) {
      await self.close();
      throw new RedisUnreachableError(opts.connection, connectTimeoutMs, { cause: error });
    }
    return self;
  }

  /**
   * Stops taking jobs, waits up to `shutdownGraceMs` for the running ones, then cancels
   * those back to the queue (another worker grades them), and removes the warm pods.
   * Bounded even when Redis is gone (BullMQ's close would wait for it): with no run left
   * and the close not done after a few seconds, the connection is cut. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.reapTimer);
    let closed = false;
    const closing = this.worker.close().then(
      () => void (closed = true),
      (error: unknown) => this.opts.log(`closing the queue connection: ${String(error)}`),
    );
    const graceMs = this.opts.shutdownGraceMs ?? 60_000;
    await this.waitUntil(() => closed || this.active === 0, graceMs);
    if (!closed && this.active > 0) {
      this.opts.log(`${this.active} running job(s) did not finish within ${graceMs} ms: cancelling them back to the queue`);
      this.cancelled = true;
      this.worker.cancelAllJobs('the grading worker is shutting down');
      await this.waitUntil(() => closed || this.active === 0, 15_000);
    }
    await this.waitUntil(() => closed, IDLE_CLOSE_MS);
    if (!closed) {
      this.opts.log(`the queue connection did not close within ${IDLE_CLOSE_MS} ms (is Redis down?): cutting it`);
      await withTimeout(this.worker.disconnect(), 2_000, 'disconnect').catch(() => {});
    } else {
      await closing;
    }
    await this.reaping;
    await this.pool.close();
  }

  private async waitUntil(done: () => boolean, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  private reap(): void {
    this.reaping = reapOrphans(this.opts.docker, { log: this.opts.log }).catch((error: unknown) =>
      this.opts.log(`reaper: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

/** One line per finished job; Redis trouble once per minute, not at every reconnect. */
function logJobEvents(worker: Worker<unknown, GradingReport>, log: (line: string) => void): void {
  const trouble = quietRepeats(log);
  worker.on('error', (error) => trouble(`queue: ${error.message}`));
  worker.on('completed', (job, report) => log(`${job.id} graded: ${report.score}/${report.maxScore} in ${report.durationMs} ms`));
  worker.on('failed', (job, error) => log(`${job?.id ?? 'a job'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`));
}

import { z } from 'zod';
import { GRADING_QUEUE_NAME } from '../jobs.js';
import { defaultConcurrency } from './default-concurrency.js';

/** BullMQ builds Redis keys as `bull:<queue>:…`: keep names to plain characters. */
export const queueNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'use letters, digits, `_`, `.` and `-` only')
  .default(GRADING_QUEUE_NAME);

/** Settings of `sockgrade worker`, from flags over environment; parsed once at start. */
export const workerConfigSchema = z.object({
  /** `--redis` or `REDIS_URL`: the service's Redis. Required: a worker without a queue has nothing to do. */
  redisUrl: z.string({ required_error: 'is required (--redis URL or REDIS_URL)' }).min(1, 'is required (--redis URL or REDIS_URL)'),
  /** `--concurrency` or `SOCKGRADE_WORKER_CONCURRENCY`: grading runs at once, and warm pods kept. @defaultValue four times the cores (`defaultConcurrency`): 8 on 2 cores */
  concurrency: z.coerce.number().int().min(1).max(64).default(() => defaultConcurrency()),
  /** `--queue` or `SOCKGRADE_QUEUE`. @defaultValue 'sockgrade-grading' */
  queueName: queueNameSchema,
  /** How long SIGTERM waits for running jobs before cancelling them back to the queue. @defaultValue 60 s */
  shutdownGraceMs: z.coerce.number().int().nonnegative().default(60_000),
  /**
   * `SOCKGRADE_LOCK_DURATION_MS`: how long a job stays locked to a worker that stopped
   * renewing its lock (killed, frozen); only then can the stalled check hand the job to
   * another worker. BullMQ's default; tests shorten it to see a kill -9 recovered in seconds.
   * @defaultValue 30 s
   */
  lockDurationMs: z.coerce.number().int().min(1_000).default(30_000),
  /** `SOCKGRADE_STALLED_INTERVAL_MS`: how often jobs of dead workers are looked for. BullMQ's default. @defaultValue 30 s */
  stalledIntervalMs: z.coerce.number().int().min(100).default(30_000),
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** A setting that cannot be used, named by the flag or variable that set it. */
export class WorkerConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const SOURCES: Record<keyof WorkerConfig, string> = {
  redisUrl: '--redis / REDIS_URL',
  concurrency: '--concurrency / SOCKGRADE_WORKER_CONCURRENCY',
  queueName: '--queue / SOCKGRADE_QUEUE',
  shutdownGraceMs: 'SOCKGRADE_SHUTDOWN_GRACE_MS',
  lockDurationMs: 'SOCKGRADE_LOCK_DURATION_MS',
  stalledIntervalMs: 'SOCKGRADE_STALLED_INTERVAL_MS',
};

export function loadWorkerConfig(flags: Partial<Record<keyof WorkerConfig, string>>, env: NodeJS.ProcessEnv): WorkerConfig {
  const parsed = workerConfigSchema.safeParse({
    redisUrl: flags.redisUrl ?? (env.REDIS_URL || undefined),
    concurrency: flags.concurrency ?? (env.SOCKGRADE_WORKER_CONCURRENCY || undefined),
    queueName: flags.queueName ?? (env.SOCKGRADE_QUEUE || undefined),
    shutdownGraceMs: env.SOCKGRADE_SHUTDOWN_GRACE_MS || undefined,
    lockDurationMs: env.SOCKGRADE_LOCK_DURATION_MS || undefined,
    stalledIntervalMs: env.SOCKGRADE_STALLED_INTERVAL_MS || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorkerConfigError(`${SOURCES[issue.path[0] as keyof WorkerConfig] ?? issue.path.join('.')} ${issue.message}.`);
  }
  return parsed.data;
}

import { resolve } from 'node:path';
import { z } from 'zod';
import { loadGraderConfig, type GraderConfig } from '../grader/config.js';
import { queueNameSchema } from '../grader/worker/index.js';

/**
 * The service's settings from the environment: one schema with every default, parsed
 * once at start and passed down. The README's Configuration section lists the same.
 */
const serviceConfigSchema = z.object({
  /** `PORT`. @defaultValue 3000 */
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** `HOST`: loopback unless you mean to expose it. @defaultValue '127.0.0.1' */
  host: z.string().min(1).default('127.0.0.1'),
  /** `SOCKGRADE_DATA_DIR`: SQLite database, private Redis, teacher token. @defaultValue './data' */
  dataDir: z.string().min(1).default('data'),
  /** `REDIS_URL`: an existing Redis; unset, a private `redis-server` is started. */
  redisUrl: z.string().url().optional(),
  /** `SOCKGRADE_ADMIN_TOKEN`: a teacher API token that exists after start (automation, CI). */
  adminToken: z.string().min(16, 'must be at least 16 characters').max(200).regex(/^[A-Za-z0-9._~+/=-]+$/, 'may not contain spaces').optional(),
  /** `SOCKGRADE_WORKER_CONCURRENCY`: grading runs of the in-process worker; 0 runs none (workers elsewhere). @defaultValue 2 */
  workerConcurrency: z.coerce.number().int().min(0).max(64).default(2),
  /** `SOCKGRADE_QUEUE`. @defaultValue 'sockgrade-grading' */
  queueName: queueNameSchema,
  /** `SOCKGRADE_SHUTDOWN_GRACE_MS`: how long SIGTERM waits for running gradings. @defaultValue 60 s */
  shutdownGraceMs: z.coerce.number().int().nonnegative().default(60_000),
  /** `SOCKGRADE_RECONCILE_MS`: how often unfinished submissions are checked for a live job. @defaultValue 60 s */
  reconcileIntervalMs: z.coerce.number().int().positive().default(60_000),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema> & { grader: GraderConfig };

const VARIABLES: Record<keyof z.infer<typeof serviceConfigSchema>, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'SOCKGRADE_DATA_DIR',
  redisUrl: 'REDIS_URL',
  adminToken: 'SOCKGRADE_ADMIN_TOKEN',
  workerConcurrency: 'SOCKGRADE_WORKER_CONCURRENCY',
  queueName: 'SOCKGRADE_QUEUE',
  shutdownGraceMs: 'SOCKGRADE_SHUTDOWN_GRACE_MS',
  reconcileIntervalMs: 'SOCKGRADE_RECONCILE_MS',
};

export class ServiceConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** `dataDir` comes back absolute, against `cwd`. */
export function loadServiceConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServiceConfig {
  const raw = Object.fromEntries(Object.entries(VARIABLES).map(([key, variable]) => [key, env[variable] || undefined]));
  const parsed = serviceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = VARIABLES[issue.path[0] as keyof typeof VARIABLES] ?? issue.path.join('.');
    throw new ServiceConfigError(`${variable} is invalid: ${issue.message}.`);
  }
  return { ...parsed.data, dataDir: resolve(cwd, parsed.data.dataDir), grader: loadGraderConfig(env) };
}

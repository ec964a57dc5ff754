import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadGraderConfig, type GraderConfig } from '../grader/config.js';
import { defaultConcurrency, queueNameSchema } from '../grader/worker/index.js';
import { isTrustedProxyEntry } from './auth/client-address.js';

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
  /** `SOCKGRADE_WORKER_CONCURRENCY`: grading runs of the in-process worker; 0 runs none (workers elsewhere). @defaultValue four times the cores (`defaultConcurrency`), 8 on 2 cores (more than the cores pays: a grading mostly waits on the student's program; see `npm run bench:service -- --sweep`) */
  workerConcurrency: z.coerce.number().int().min(0).max(64).default(() => defaultConcurrency()),
  /** `SOCKGRADE_QUEUE`. @defaultValue 'sockgrade-grading' */
  queueName: queueNameSchema,
  /** `SOCKGRADE_SHUTDOWN_GRACE_MS`: how long SIGTERM waits for running gradings. @defaultValue 60 s */
  shutdownGraceMs: z.coerce.number().int().nonnegative().default(60_000),
  /** `SOCKGRADE_RECONCILE_MS`: how often unfinished submissions are checked for a live job. @defaultValue 60 s */
  reconcileIntervalMs: z.coerce.number().int().positive().default(60_000),
  /** `SOCKGRADE_ASSIGNMENTS_DIR`: the teachers' assignment files (YAML or JSON), read at start. @defaultValue '<dataDir>/assignments' */
  assignmentsDir: z.string().min(1).optional(),
  /** `SOCKGRADE_SUPERSEDE`: a new submission supersedes the same student's older ones still waiting (`false` turns it off). @defaultValue true */
  supersede: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('true')
    .transform((value) => ['true', '1', 'yes'].includes(value)),
  /** `SOCKGRADE_MAX_QUEUED_PER_STUDENT`: a student's submissions waiting or being graded at once; beyond it 429. @defaultValue 5 */
  maxInFlightPerStudent: z.coerce.number().int().min(1).max(1000).default(5),
  /** `SOCKGRADE_TOKEN_TTL_DAYS`: how long a token from `POST /api/tokens` works (a request may ask for fewer). @defaultValue 90 */
  tokenTtlDays: z.coerce.number().int().min(1).max(3650).default(90),
  /** `SOCKGRADE_FAILED_SIGNINS_PER_ADDRESS`: failed sign-ins one client address may make in 15 minutes (a school behind one NAT address shares them). @defaultValue 20 */
  failedSignInsPerAddress: z.coerce.number().int().min(1).max(100_000).default(20),
  /** `SOCKGRADE_TRUST_PROXY`: comma-separated reverse proxies (address, CIDR, `loopback`) whose `X-Forwarded-*` headers are believed. @defaultValue none */
  trustedProxies: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0))
    .refine((entries) => entries.every(isTrustedProxyEntry), 'list addresses, CIDR ranges or `loopback`, separated by commas'),
  /** `SOCKGRADE_STUDENT_QUOTA_BYTES`: a student's stored submission files (decoded bytes); beyond it 413. @defaultValue 50 MiB */
  studentQuotaBytes: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  /** `SOCKGRADE_MAX_STREAMS_PER_USER`: live event streams (`/api/submissions/:id/events`) one user may hold open; beyond it 429. @defaultValue 10 */
  maxStreamsPerUser: z.coerce.number().int().min(1).max(1000).default(10),
  /** `SOCKGRADE_STUDENT_ASSIGNMENTS`: `teacher` shows students only teachers' assignment files, no built-in. @defaultValue 'all' */
  studentAssignments: z.enum(['all', 'teacher']).default('all'),
});

export type ServiceConfig = Omit<z.infer<typeof serviceConfigSchema>, 'assignmentsDir'> & {
  /** Absolute. */
  assignmentsDir: string;
  grader: GraderConfig;
};

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
  assignmentsDir: 'SOCKGRADE_ASSIGNMENTS_DIR',
  supersede: 'SOCKGRADE_SUPERSEDE',
  maxInFlightPerStudent: 'SOCKGRADE_MAX_QUEUED_PER_STUDENT',
  tokenTtlDays: 'SOCKGRADE_TOKEN_TTL_DAYS',
  failedSignInsPerAddress: 'SOCKGRADE_FAILED_SIGNINS_PER_ADDRESS',
  trustedProxies: 'SOCKGRADE_TRUST_PROXY',
  studentQuotaBytes: 'SOCKGRADE_STUDENT_QUOTA_BYTES',
  maxStreamsPerUser: 'SOCKGRADE_MAX_STREAMS_PER_USER',
  studentAssignments: 'SOCKGRADE_STUDENT_ASSIGNMENTS',
};

export class ServiceConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** `dataDir` and `assignmentsDir` come back absolute, against `cwd`. */
export function loadServiceConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServiceConfig {
  const raw = Object.fromEntries(Object.entries(VARIABLES).map(([key, variable]) => [key, env[variable] || undefined]));
  const parsed = serviceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = VARIABLES[issue.path[0] as keyof typeof VARIABLES] ?? issue.path.join('.');
    throw new ServiceConfigError(`${variable} is invalid: ${issue.message}.`);
  }
  const dataDir = resolve(cwd, parsed.data.dataDir);
  const assignmentsDir = parsed.data.assignmentsDir === undefined ? join(dataDir, 'assignments') : resolve(cwd, parsed.data.assignmentsDir);
  return { ...parsed.data, dataDir, assignmentsDir, grader: loadGraderConfig(env) };
}

import { createServer } from 'node:http';
import { join } from 'node:path';
import { redisConnectionOptions, RedisUnreachableError } from '../grader/queue-connection.js';
import { connectDocker } from '../grader/sandbox/docker-connection.js';
import { pingDocker } from '../grader/sandbox/docker-health.js';
import { withTimeout } from '../grader/with-timeout.js';
import { GradingWorker } from '../grader/worker/index.js';
import { createApp } from './app.js';
import { GitRemote } from './git/git-remote.js';
import { lockDataDir } from './data-dir-lock.js';
import { ensurePrivateDataDir, restrictModes } from './data-dir-permissions.js';
import { loadAssignmentCatalog } from './assignment-catalog.js';
import { AssignmentCatalogHolder } from './assignments/catalog-holder.js';
import type { ServiceConfig } from './config.js';
import type { HealthProbe } from './health.js';
import { closeServer, listen } from './http-listener.js';
import { GradingQueue } from './queue/grading-queue.js';
import { SupervisedRedis } from './redis/supervised-redis.js';
import { SubmissionEvents } from './events/submission-events.js';
import { startResults } from './results/start-results.js';
import { ShutdownStack } from './shutdown-stack.js';
import { openStore, type Store } from './store/index.js';
import { ensureAdminToken, ensureStartupToken, revokeAdminTokens } from './teacher-token.js';
import { isLoopbackHost } from './auth/index.js';

export interface ServiceOptions {
  /** The compiled project: the in-process worker's image tags hash its `checks/`. */
  distDir: string;
  log?: (line: string) => void;
}

export interface RunningService {
  /** `http://host:port`, with the port actually bound (PORT=0 picks one). */
  url: string;
  redisUrl: string;
  /** Whether Redis is the private one this service started. */
  privateRedis: boolean;
  /** The teacher token of `<data>/teacher-token`, unless `SOCKGRADE_ADMIN_TOKEN` is set; `created`: made at this start. */
  teacherToken: { token: string; file: string; created: boolean } | null;
  store: Store;
  queue: GradingQueue;
  /** Stops taking requests, lets the worker finish (bounded), then stops Redis and the database. Idempotent. */
  close(): Promise<void>;
}

const REDIS_CONNECT_MS = 10_000;

/**
 * The whole service in one process: SQLite store, Redis (given or private), the grading
 * queue, the recorder of queue events (the database's only writer), an in-process worker
 * and the HTTP API. Everything started is stopped again if a later step fails.
 */
export async function startService(config: ServiceConfig, opts: ServiceOptions): Promise<RunningService> {
  const log = opts.log ?? (() => {});
  const shutdown = new ShutdownStack(log);
  try {
    // First: a typo in a teacher's assignment file stops the start before anything runs.
    // Reloadable (issue #9): teachers change their files through the API while we run.
    const assignmentFiles = await AssignmentCatalogHolder.open(config.assignmentsDir, (dir) =>
      loadAssignmentCatalog(dir, { studentAssignments: config.studentAssignments }),
    );
    const assignments = assignmentFiles.catalog;
    log(`assignments: ${assignments.list().length}, teachers' files from ${config.assignmentsDir}`);
    // 0700, or refused when others can read it: it holds every submission and password hash (issue #12).
    await ensurePrivateDataDir(config.dataDir);
    shutdown.add('data dir lock', await lockDataDir(config.dataDir));
    const store = openStore(join(config.dataDir, 'sockgrade.db'));
    shutdown.add('database', () => store.close());
    // An older version made these 0644; SQLite makes a new -wal/-shm with the database's mode.
    await restrictModes(config.dataDir, ['sockgrade.db', 'sockgrade.db-wal', 'sockgrade.db-shm', 'teacher-token']);
    const redisUrl = config.redisUrl ?? (await startPrivateRedis(config.dataDir, shutdown, log));
    const queue = await openQueue(redisUrl, config.queueName, shutdown);
    const { queueName, reconcileIntervalMs } = config;
    const events = new SubmissionEvents();
    await startResults({ store, queue, assignments, redisUrl, queueName, reconcileIntervalMs, shutdown, events, log });

    const health: Record<string, HealthProbe> = {
      db: () => store.ping(),
      redis: async () => {
        const depth = await queue.depth();
        return `${depth.waiting} waiting, ${depth.active} grading, ${depth.delayed} to retry`;
      },
    };
    if (config.workerConcurrency > 0) health.docker = await startWorker(config, redisUrl, opts.distDir, shutdown, log);

    // A changed (or removed) SOCKGRADE_ADMIN_TOKEN revokes the value it had before.
    const revoked = config.adminToken ? ensureAdminToken(store, config.adminToken).revoked : revokeAdminTokens(store);
    if (revoked > 0) log(`SOCKGRADE_ADMIN_TOKEN ${config.adminToken ? 'changed' : 'is unset'}: its earlier value no longer works`);
    const teacherToken = config.adminToken ? null : await ensureStartupToken(store, config.dataDir);
    // No TLS in this process: beyond loopback and without a (TLS) proxy, browsers get the fallback cookie.
    if (!isLoopbackHost(config.host) && config.trustedProxies.length === 0) {
      log(
        `HOST=${config.host} is reachable from other machines: browsers that reach it over plain http:// by a name that is not ` +
          'loopback get a session cookie without `Secure` and `__Host-`; serve it over HTTPS there (see the README, Configuration).',
      );
    }

    const { supersede, maxInFlightPerStudent, studentQuotaBytes, maxStreamsPerUser } = config;
    const intake = { supersede, maxInFlightPerStudent, studentQuotaBytes, maxStreamsPerUser };
    const auth = {
      tokenTtlDays: config.tokenTtlDays,
      trustedProxies: config.trustedProxies,
      throttle: { maxPerAddress: config.failedSignInsPerAddress },
    };
    // The students' git remote (issue #10): its hooks talk to us over a socket in the data dir.
    const git = await GitRemote.open({ dir: join(config.dataDir, 'git'), distDir: opts.distDir, log });
    shutdown.add('git remote', () => git.close());
    const server = createServer(createApp({ store, queue, assignments, assignmentFiles, health, intake, events, log, queueDepth: () => queue.depth(), auth, git }));
    const url = await listen(server, config.port, config.host);
    shutdown.add('HTTP server', () => closeServer(server));
    // Run before the server's close (the stack unwinds backwards): open event streams end now, not after the grace time.
    shutdown.add('event streams', () => events.closeAll());
    // Redis's AOF and RDB from before its password and our umask: owner only, like the rest.
    if (!config.redisUrl) await restrictModes(config.dataDir, ['redis'], { recursive: true });
    return { url, redisUrl, privateRedis: !config.redisUrl, teacherToken, store, queue, close: () => shutdown.run() };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}

async function startPrivateRedis(dataDir: string, shutdown: ShutdownStack, log: (line: string) => void): Promise<string> {
  const redis = await SupervisedRedis.start({ dir: join(dataDir, 'redis'), log });
  shutdown.add('private redis-server', () => redis.stop(), 15_000);
  return redis.url;
}

async function openQueue(redisUrl: string, queueName: string, shutdown: ShutdownStack): Promise<GradingQueue> {
  const connection = redisConnectionOptions(redisUrl, 'producer');
  const queue = new GradingQueue({ connection, queueName });
  shutdown.add('queue', () => queue.close(), 3_000);
  try {
    await withTimeout(queue.queue.waitUntilReady(), REDIS_CONNECT_MS, 'Redis did not answer');
  } catch (error) {
    throw new RedisUnreachableError(connection, REDIS_CONNECT_MS, { cause: error });
  }
  return queue;
}

/** The in-process worker; returns its health probe (Docker answers). */
async function startWorker(
  config: ServiceConfig,
  redisUrl: string,
  distDir: string,
  shutdown: ShutdownStack,
  log: (line: string) => void,
): Promise<HealthProbe> {
  const docker = await connectDocker();
  const worker = await GradingWorker.start({
    connection: redisConnectionOptions(redisUrl, 'worker'),
    docker,
    distDir,
    imageSource: config.grader.imageSource,
    queueName: config.queueName,
    concurrency: config.workerConcurrency,
    shutdownGraceMs: config.shutdownGraceMs,
    log: (line) => log(`worker: ${line}`),
    ...(config.grader.debug ? { runLog: (line: string) => log(`run: ${line}`) } : {}),
  });
  shutdown.add('worker', () => worker.close(), config.shutdownGraceMs + 30_000);
  return async () => {
    await pingDocker(docker);
    return `in-process worker, ${config.workerConcurrency} at a time`;
  };
}

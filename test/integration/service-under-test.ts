import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { redisConnectionOptions } from '../../grader/queue-connection.js';
import { loadServiceConfig, type ServiceConfig } from '../../web/config.js';
import { startService, type RunningService } from '../../web/service.js';
import { distDir, dockerForTests, sockgradeLeftovers, testRedis } from './harness.js';

/**
 * The service as `npm start` runs it, minus the host setup, for a test file: one private
 * Redis and scratch folder per file, a fresh queue and data dir per test, every service a
 * test started closed after it, its queue emptied, and no container left at the end.
 */
export interface TestServices {
  /** The teacher's admin token every service of this file accepts. */
  readonly adminToken: string;
  /** The file's scratch folder (removed after the file). */
  readonly tmp: string;
  readonly redisUrl: string;
  /** The current test's queue; also names its data dir and assignments dir. */
  readonly queueName: string;
  /** A new queue (and so a new data dir) for a second service within the same test. */
  renewQueue(): void;
  /** Every default of the service, then what these tests need, then `overrides`. */
  config(overrides?: Partial<ServiceConfig>): ServiceConfig;
  /** Starts a service; `assignmentFiles` (name → YAML) become its teacher files. */
  start(overrides?: Partial<ServiceConfig>, assignmentFiles?: Record<string, string>): Promise<RunningService>;
}

export function useTestServices(prefix: string, defaults: Partial<ServiceConfig> = {}): TestServices {
  const adminToken = `sgk_test_${randomBytes(12).toString('hex')}`;
  let tmp = '';
  let redis: { url: string; stop(): Promise<void> } | undefined;
  let queueName = '';
  const queuesOfTest: string[] = [];
  const services: RunningService[] = [];

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), `sockgrade-${prefix}-`));
    redis = await testRedis(join(tmp, 'redis'));
  });

  afterAll(async () => {
    await redis?.stop();
    await rm(tmp, { recursive: true, force: true });
    expect(await sockgradeLeftovers(await dockerForTests())).toEqual([]);
  });

  const renewQueue = () => {
    queueName = `sockgrade-test-${randomBytes(4).toString('hex')}`;
    queuesOfTest.push(queueName);
  };
  beforeEach(renewQueue);

  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
    for (const name of queuesOfTest.splice(0)) {
      const queue = new Queue(name, { connection: redisConnectionOptions(redis!.url, 'producer') });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  const config = (overrides: Partial<ServiceConfig> = {}): ServiceConfig => ({
    ...loadServiceConfig({}, tmp),
    port: 0,
    host: '127.0.0.1',
    dataDir: join(tmp, `data-${queueName}`),
    redisUrl: redis!.url,
    adminToken,
    workerConcurrency: 2,
    queueName,
    shutdownGraceMs: 10_000,
    grader: { imageSource: 'auto', debug: false },
    ...defaults,
    ...overrides,
  });

  return {
    adminToken,
    get tmp() {
      return tmp;
    },
    get redisUrl() {
      return redis!.url;
    },
    get queueName() {
      return queueName;
    },
    renewQueue,
    config,
    async start(overrides = {}, assignmentFiles) {
      let assignmentsDir: string | undefined;
      if (assignmentFiles) {
        assignmentsDir = join(tmp, `assignments-${queueName}`);
        await mkdir(assignmentsDir, { recursive: true });
        for (const [name, text] of Object.entries(assignmentFiles)) await writeFile(join(assignmentsDir, name), text);
      }
      const service = await startService(config({ ...(assignmentsDir ? { assignmentsDir } : {}), ...overrides }), { distDir });
      services.push(service);
      return service;
    },
  };
}

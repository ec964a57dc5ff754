import { describe, expect, it } from 'vitest';
import { loadWorkerConfig, WorkerConfigError } from './worker-config.js';

describe('loadWorkerConfig', () => {
  it('takes flags over the environment, with defaults', () => {
    expect(loadWorkerConfig({ redisUrl: 'redis://a:1' }, { REDIS_URL: 'redis://b:2', SOCKGRADE_WORKER_CONCURRENCY: '4' })).toEqual({
      redisUrl: 'redis://a:1',
      concurrency: 4,
      queueName: 'sockgrade-grading',
      shutdownGraceMs: 60_000,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
    });
  });

  it('lets tests shorten how fast a killed worker is noticed', () => {
    const env = { SOCKGRADE_LOCK_DURATION_MS: '4000', SOCKGRADE_STALLED_INTERVAL_MS: '1000' };
    expect(loadWorkerConfig({ redisUrl: 'redis://a:1' }, env)).toMatchObject({ lockDurationMs: 4000, stalledIntervalMs: 1000 });
    expect(() => loadWorkerConfig({ redisUrl: 'redis://a:1' }, { SOCKGRADE_LOCK_DURATION_MS: '10' })).toThrow(/SOCKGRADE_LOCK_DURATION_MS/);
  });

  it('needs a Redis and says where to give it', () => {
    expect(() => loadWorkerConfig({}, {})).toThrow(WorkerConfigError);
    expect(() => loadWorkerConfig({}, {})).toThrow(/--redis \/ REDIS_URL is required/);
    expect(() => loadWorkerConfig({ concurrency: '0' }, { REDIS_URL: 'redis://x' })).toThrow(/--concurrency/);
  });
});

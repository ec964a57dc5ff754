import { describe, expect, it } from 'vitest';
import { defaultConcurrency } from '../grader/worker/default-concurrency.js';
import { loadServiceConfig } from './config.js';

describe('loadServiceConfig', () => {
  it('has a default for everything', () => {
    expect(loadServiceConfig({}, '/srv/sockgrade')).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/sockgrade/data',
      workerConcurrency: defaultConcurrency(),
      queueName: 'sockgrade-grading',
      grader: { imageSource: 'auto' },
    });
    expect(loadServiceConfig({}).redisUrl).toBeUndefined();
    expect(loadServiceConfig({})).toMatchObject({ supersede: true, maxInFlightPerStudent: 5 });
    expect(loadServiceConfig({ SOCKGRADE_SUPERSEDE: 'false', SOCKGRADE_MAX_QUEUED_PER_STUDENT: '2' })).toMatchObject({ supersede: false, maxInFlightPerStudent: 2 });
    expect(() => loadServiceConfig({ SOCKGRADE_SUPERSEDE: 'maybe' })).toThrow(/^SOCKGRADE_SUPERSEDE is invalid/);
  });

  it('has per-student caps: a disk quota and live event streams (issue #12)', () => {
    expect(loadServiceConfig({})).toMatchObject({ studentQuotaBytes: 50 * 1024 * 1024, maxStreamsPerUser: 10 });
    expect(loadServiceConfig({ SOCKGRADE_STUDENT_QUOTA_BYTES: '2097152', SOCKGRADE_MAX_STREAMS_PER_USER: '3' })).toMatchObject({ studentQuotaBytes: 2097152, maxStreamsPerUser: 3 });
    expect(() => loadServiceConfig({ SOCKGRADE_STUDENT_QUOTA_BYTES: 'lots' })).toThrow(/^SOCKGRADE_STUDENT_QUOTA_BYTES is invalid/);
    expect(() => loadServiceConfig({ SOCKGRADE_MAX_STREAMS_PER_USER: '0' })).toThrow(/^SOCKGRADE_MAX_STREAMS_PER_USER is invalid/);
  });

  it('reads the environment and names the variable that is wrong', () => {
    const config = loadServiceConfig({ PORT: '8080', REDIS_URL: 'redis://r:6379', SOCKGRADE_WORKER_CONCURRENCY: '0', SOCKGRADE_DATA_DIR: '/var/lib/sg' });
    expect(config).toMatchObject({ port: 8080, redisUrl: 'redis://r:6379', workerConcurrency: 0, dataDir: '/var/lib/sg' });
    expect(() => loadServiceConfig({ PORT: 'eighty' })).toThrow(/^PORT is invalid/);
    expect(() => loadServiceConfig({ SOCKGRADE_ADMIN_TOKEN: 'short' })).toThrow(/SOCKGRADE_ADMIN_TOKEN is invalid: must be at least 16 characters/);
    expect(() => loadServiceConfig({ SOCKGRADE_QUEUE: 'a:b' })).toThrow(/SOCKGRADE_QUEUE is invalid/);
  });

  it('reads the token lifetime and the trusted proxies (issue #12)', () => {
    expect(loadServiceConfig({})).toMatchObject({ tokenTtlDays: 90, trustedProxies: [], failedSignInsPerAddress: 20 });
    expect(loadServiceConfig({ SOCKGRADE_FAILED_SIGNINS_PER_ADDRESS: '200' }).failedSignInsPerAddress).toBe(200);
    expect(loadServiceConfig({ SOCKGRADE_TOKEN_TTL_DAYS: '30', SOCKGRADE_TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' })).toMatchObject({
      tokenTtlDays: 30,
      trustedProxies: ['loopback', '10.0.0.0/8', '::1'],
    });
    expect(() => loadServiceConfig({ SOCKGRADE_TOKEN_TTL_DAYS: '0' })).toThrow(/^SOCKGRADE_TOKEN_TTL_DAYS is invalid/);
    expect(() => loadServiceConfig({ SOCKGRADE_TRUST_PROXY: 'proxy.example' })).toThrow(/^SOCKGRADE_TRUST_PROXY is invalid: list addresses, CIDR ranges or `loopback`/);
  });
});

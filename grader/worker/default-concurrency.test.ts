import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultConcurrency } from './default-concurrency.js';
import { loadWorkerConfig } from './worker-config.js';

describe('defaultConcurrency', () => {
  it('is twice the cores, at least 2 and at most 64', () => {
    expect(defaultConcurrency(1)).toBe(2);
    expect(defaultConcurrency(2)).toBe(4);
    expect(defaultConcurrency(8)).toBe(16);
    expect(defaultConcurrency(48)).toBe(64);
  });

  it('is the worker’s default on this machine', () => {
    expect(loadWorkerConfig({ redisUrl: 'redis://a:1' }, {}).concurrency).toBe(2 * availableParallelism() > 64 ? 64 : Math.max(2, 2 * availableParallelism()));
  });
});

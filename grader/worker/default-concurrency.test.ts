import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultConcurrency } from './default-concurrency.js';
import { loadWorkerConfig } from './worker-config.js';

describe('defaultConcurrency', () => {
  it('is four times the cores, at least 2 and at most 64', () => {
    expect(defaultConcurrency(1)).toBe(4);
    expect(defaultConcurrency(2)).toBe(8);
    expect(defaultConcurrency(8)).toBe(32);
    expect(defaultConcurrency(48)).toBe(64);
  });

  it('is the worker’s default on this machine', () => {
    expect(loadWorkerConfig({ redisUrl: 'redis://a:1' }, {}).concurrency).toBe(Math.min(64, 4 * availableParallelism()));
  });
});

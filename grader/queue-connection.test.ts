import { describe, expect, it } from 'vitest';
import { redactRedisUrl, redisConnectionOptions, RedisUrlError } from './queue-connection.js';

describe('redisConnectionOptions', () => {
  it('reads host, port, credentials and database', () => {
    expect(redisConnectionOptions('redis://u:p%40ss@10.0.0.5:6380/2', 'worker')).toEqual({
      host: '10.0.0.5',
      port: 6380,
      username: 'u',
      password: 'p@ss',
      db: 2,
      maxRetriesPerRequest: null,
    });
    expect(redisConnectionOptions('rediss://cache', 'producer')).toEqual({
      host: 'cache',
      port: 6379,
      tls: {},
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
  });

  it('refuses what is not a Redis URL, with a sentence', () => {
    expect(() => redisConnectionOptions('localhost:6379', 'worker')).toThrow(RedisUrlError);
    expect(() => redisConnectionOptions('http://x', 'worker')).toThrow(/must start with redis:\/\//);
    expect(() => redisConnectionOptions('redis://x/abc', 'worker')).toThrow(/database `abc`/);
  });

  it('hides the password in logs', () => {
    expect(redactRedisUrl('redis://:secret@host:1/0')).toBe('redis://:***@host:1/0');
  });
});

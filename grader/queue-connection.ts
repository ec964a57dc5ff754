import type { RedisOptions } from 'bullmq';

/** A Redis URL that cannot be used, with the sentence saying why. */
export class RedisUrlError extends Error {
  readonly code = 'REDIS_URL_INVALID';
}

/**
 * ioredis options from a `redis://[user:password@]host[:port][/db]` URL (`rediss://` for
 * TLS). `role` picks the retry behaviour BullMQ's production guide asks for:
 * - `worker` (and queue-event listeners): `maxRetriesPerRequest: null`, commands wait
 *   through a Redis restart instead of failing a job half-way;
 * - `producer` (the API adding jobs): no offline queue, so an `add` while Redis is down
 *   fails at once and the HTTP request does not hang.
 */
export function redisConnectionOptions(url: string, role: 'worker' | 'producer'): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUrlError(`The Redis URL \`${url}\` is not a URL; expected redis://host:port.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RedisUrlError(`The Redis URL \`${url}\` must start with redis:// or rediss://.`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new RedisUrlError(`The Redis URL \`${url}\` names database \`${db}\`; use a number.`);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
  };
}

/** The URL without its password, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

/** Redis did not answer: the queue cannot be used. */
export class RedisUnreachableError extends Error {
  readonly code = 'REDIS_UNREACHABLE';
  constructor(where: RedisOptions, timeoutMs: number, options?: { cause?: unknown }) {
    super(`Cannot reach Redis at ${where.host ?? '127.0.0.1'}:${where.port ?? 6379} within ${timeoutMs} ms: is it running, and is the URL right?`, options);
  }
}

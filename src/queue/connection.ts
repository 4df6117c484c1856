/**
 * Redis connections from REDIS_URL. Clients (CLI, producers) fail fast when Redis is
 * down; workers wait for Redis to come back, as BullMQ requires for blocking commands.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { NewsintError } from '../errors.js';
import { redactUrl } from '../config.js';

/** How long a client waits for Redis before it reports REDIS_UNAVAILABLE. */
export const CLIENT_CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect attempts of a client connection before it gives up. */
export const CLIENT_MAX_RECONNECTS = 2;

export type ConnectionRole = 'client' | 'worker';

export interface RedisConnectionOptions {
  url: string;
  role?: ConnectionRole;
  connectTimeoutMs?: number;
}

export function createRedis({ url, role = 'client', connectTimeoutMs = CLIENT_CONNECT_TIMEOUT_MS }: RedisConnectionOptions): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? // BullMQ workers block on Redis and must retry forever: a Redis restart is not a crash.
        { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 1,
          connectTimeout: connectTimeoutMs,
          retryStrategy: (times) => (times > CLIENT_MAX_RECONNECTS ? null : 200 * times),
        };
  const redis = new Redis(url, { ...options, lazyConnect: true });
  // Without a listener ioredis prints every reconnect error; callers report failures themselves.
  redis.on('error', () => {});
  return redis;
}

export function redisUnavailable(url: string, cause?: unknown): NewsintError {
  return new NewsintError('REDIS_UNAVAILABLE', `cannot reach Redis at ${redactUrl(url)}: start Redis or set REDIS_URL`, {
    kind: 'transient',
    cause,
  });
}

/** Connect and PING once, quickly; throws REDIS_UNAVAILABLE instead of retrying forever. */
export async function assertRedisReachable(url: string, timeoutMs = CLIENT_CONNECT_TIMEOUT_MS): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw redisUnavailable(url, err);
  } finally {
    redis.disconnect();
  }
}

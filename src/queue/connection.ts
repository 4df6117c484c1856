/**
 * Redis connections from REDIS_URL. Clients (CLI, producers) fail fast when Redis is
 * down; workers wait for Redis to come back, as BullMQ requires for blocking commands.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
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

/**
 * "redis://a:7000,redis://b:7000" names several nodes of a Redis Cluster; one URL is a
 * single server. Credentials and TLS (rediss:) come from the first URL.
 */
export function clusterNodes(url: string): Array<{ host: string; port: number }> | null {
  const parts = url.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  return parts.map((p) => {
    const u = new URL(p.includes('://') ? p : `redis://${p}`);
    return { host: u.hostname, port: Number(u.port || 6379) };
  });
}

/** A Redis client, or a Cluster client when REDIS_URL lists several nodes (both speak the same commands). */
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
  const nodes = clusterNodes(url);
  if (nodes) {
    const first = new URL(url.split(',')[0]!.trim());
    const redisOptions: RedisOptions = {
      ...options,
      username: first.username || undefined,
      password: first.password ? decodeURIComponent(first.password) : undefined,
      tls: first.protocol === 'rediss:' ? {} : undefined,
    };
    const cluster = new Cluster(nodes, { redisOptions, lazyConnect: true, maxRetriesPerRequest: options.maxRetriesPerRequest } as never);
    cluster.on('error', () => {});
    // Cluster and Redis share the command surface BullMQ and our modules use.
    return cluster as unknown as Redis;
  }
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

/** Redis's answers to a wrong user name or password (the message never repeats them). */
const CREDENTIALS_REFUSED = /WRONGPASS|NOAUTH|invalid username-password|invalid password/i;

/** Connect and PING once, quickly; throws REDIS_UNAVAILABLE instead of retrying forever. */
export async function assertRedisReachable(url: string, timeoutMs = CLIENT_CONNECT_TIMEOUT_MS): Promise<void> {
  // For a cluster, reaching the first node is the quick answer we need here.
  const redis = new Redis(url.split(',')[0]!.trim(), {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // A refused AUTH arrives here; connect() itself then only says "Connection is closed".
  let lastError: unknown;
  redis.on('error', (err) => (lastError = err));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    if ([err, lastError].some((e) => CREDENTIALS_REFUSED.test(String((e as Error)?.message ?? e)))) {
      const what = url.split(',')[0]!.includes('@')
        ? 'refused the user name or password in REDIS_URL: check them'
        : 'requires a password: give it in REDIS_URL as redis://USER:PASSWORD@host:port';
      throw new NewsintError('REDIS_UNAVAILABLE', `Redis at ${redactUrl(url)} ${what} (percent-encode '#', '/', '?', '@')`, { kind: 'permanent', cause: err });
    }
    throw redisUnavailable(url, err);
  } finally {
    redis.disconnect();
  }
}

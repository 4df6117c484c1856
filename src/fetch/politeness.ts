/**
 * Per-host politeness shared by all workers through Redis: at most N requests in flight
 * per host and a minimum delay between two requests to it. `acquire` never sleeps: it
 * answers "go" or "come back in X ms", and the worker moves the job to delayed.
 */
import type { Redis } from 'ioredis';

/** Shortest wait suggested when a host is full: a slot may free any moment. */
export const MIN_WAIT_MS = 100;
/** Upper bound of any per-host delay, whatever the caller passes (a week). */
export const MAX_DELAY_MS = 7 * 86_400_000;

// Server time (TIME), not the caller's, so workers on machines with skewed clocks agree.
// KEYS: in-flight zset (token -> lease expiry), next-allowed timestamp.
// ARGV: max in flight, min delay ms, token, lease ms, min wait ms.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local untilFree = tonumber(oldest[2]) - now
  return math.max(tonumber(ARGV[5]), math.min(untilFree, math.max(tonumber(ARGV[2]), tonumber(ARGV[5]))))
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[2], now + tonumber(ARGV[2]), 'PX', ARGV[2]) end
return 0
`;

// KEYS: next-allowed timestamp. ARGV: pause ms. Only ever pushes the time later.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if target > current then redis.call('SET', KEYS[1], target, 'PX', ARGV[1]) end
return target
`;

export interface PolitenessOptions {
  redis: Redis;
  prefix: string;
  maxInFlight: number;
  minDelayMs: number;
  /** A slot held longer than this (crashed worker) is freed: use the job deadline. */
  leaseMs: number;
}

export type Permit = { ok: true; release(): Promise<void> } | { ok: false; waitMs: number };

export interface Politeness {
  /** `delayMs` overrides the minimum delay for this host (robots.txt Crawl-delay). */
  acquire(url: string, token: string, delayMs?: number): Promise<Permit>;
  /** Hold every worker off this host for `ms` (the host answered 429 / Retry-After). */
  pause(url: string, ms: number): Promise<void>;
}

export function createPoliteness({ redis, prefix, maxInFlight, minDelayMs, leaseMs }: PolitenessOptions): Politeness {
  const keys = (url: string) => {
    const host = new URL(url).host;
    return { inflight: `${prefix}:host:${host}:inflight`, next: `${prefix}:host:${host}:next` };
  };
  return {
    async pause(url, ms) {
      if (ms > 0) await redis.eval(PAUSE, 1, keys(url).next, Math.ceil(Math.min(ms, MAX_DELAY_MS)));
    },
    async acquire(url, token, delayMs) {
      const { inflight, next } = keys(url);
      // Whole, finite milliseconds: Lua's tonumber and SET PX refuse anything else.
      const asked = Number.isFinite(delayMs) ? Math.ceil(delayMs!) : 0;
      const delay = Math.min(Math.max(minDelayMs, asked), MAX_DELAY_MS);
      const wait = Number(await redis.eval(ACQUIRE, 2, inflight, next, maxInFlight, delay, token, leaseMs, MIN_WAIT_MS));
      if (wait > 0) return { ok: false, waitMs: wait };
      return {
        ok: true,
        release: async () => {
          await redis.zrem(inflight, token);
        },
      };
    },
  };
}

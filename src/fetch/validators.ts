/**
 * HTTP validators (ETag, Last-Modified) remembered per URL in Redis, so a re-crawl sends a
 * conditional GET and a 304 skips extraction.
 */
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

/** Validators older than this are dropped: the page is fetched in full again. */
export const VALIDATORS_TTL_MS = 30 * 86_400_000;

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface ValidatorStore {
  get(url: string): Promise<Validators | null>;
  set(url: string, validators: Validators): Promise<void>;
}

export function createValidatorStore({ redis, prefix, ttlMs = VALIDATORS_TTL_MS }: { redis: Redis; prefix: string; ttlMs?: number }): ValidatorStore {
  const keyOf = (url: string) => `${prefix}:validators:${createHash('sha256').update(url).digest('hex')}`;
  return {
    async get(url) {
      const h = await redis.hgetall(keyOf(url));
      if (!h.etag && !h.lastModified) return null;
      return { etag: h.etag || null, lastModified: h.lastModified || null };
    },
    async set(url, { etag, lastModified }) {
      const key = keyOf(url);
      if (!etag && !lastModified) {
        await redis.del(key);
        return;
      }
      await redis.multi().del(key).hset(key, { etag: etag ?? '', lastModified: lastModified ?? '' }).pexpire(key, ttlMs).exec();
    },
  };
}

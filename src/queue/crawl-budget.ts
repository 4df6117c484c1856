/**
 * Fan-out budgets of one crawl (one seed's discovery, the sitemap indexes below it
 * included), counted in Redis so every worker draws from the same budget. A hostile
 * sitemap index whose children are indexes again cannot multiply past it.
 */
import type { Redis } from 'ioredis';

/** A crawl's counters outlive any sane crawl, then go. */
export const CRAWL_BUDGET_TTL_MS = 24 * 3_600_000;

export type BudgetKind = 'sitemaps' | 'urls';

// KEYS: the crawl's hash. ARGV: field, wanted, limit, ttl ms. Returns how many are granted.
const TAKE = `
local used = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local grant = math.max(0, math.min(tonumber(ARGV[2]), tonumber(ARGV[3]) - used))
if grant > 0 then redis.call('HINCRBY', KEYS[1], ARGV[1], grant) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return grant
`;

export interface CrawlBudget {
  /** Take up to `wanted` from the crawl's `kind` budget of `limit`; returns how many were granted. */
  take(crawl: string, kind: BudgetKind, wanted: number, limit: number): Promise<number>;
}

export function createCrawlBudget(redis: Redis, prefix: string): CrawlBudget {
  return {
    async take(crawl, kind, wanted, limit) {
      if (wanted <= 0) return 0;
      return Number(await redis.eval(TAKE, 1, `${prefix}:crawl:${crawl}`, kind, wanted, limit, CRAWL_BUDGET_TTL_MS));
    },
  };
}

/**
 * robots.txt: fetched once per origin through the fetcher, cached in Redis for a TTL so
 * every worker on every machine shares one copy, then asked about each URL.
 */
import type { Redis } from 'ioredis';
import robotsParserModule from 'robots-parser';
import { NewsintError } from '../errors.js';
import type { Fetcher } from './types.js';

// robots-parser is CommonJS with an ESM-style `export default` in its typings.
type RobotsParser = (url: string, text: string) => {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
};
const robotsParser: RobotsParser =
  (robotsParserModule as unknown as { default?: RobotsParser }).default ?? (robotsParserModule as unknown as RobotsParser);

/** The product token matched against User-agent lines. */
export const ROBOTS_AGENT = 'newsint';
/** Google reads the first 500 KiB of a robots.txt; so do we. */
export const MAX_ROBOTS_CHARS = 500 * 1024;
/** While one worker fetches a robots.txt, others wait at most this long for its answer. */
export const ROBOTS_LOCK_MS = 10_000;
const POLL_MS = 100;
/** Answers that mean the site publishes no robots.txt we can read. */
/** A Crawl-delay this long is worth a log line even under the cap. */
export const LONG_CRAWL_DELAY_MS = 10_000;
export const DEFAULT_MAX_CRAWL_DELAY_MS = 60_000;
const NO_RULES_CODES = new Set(['HTTP_NOT_FOUND', 'HTTP_CLIENT_ERROR', 'NOT_HTML', 'TOO_LARGE', 'TOO_MANY_REDIRECTS']);

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our agent, in ms, when the site sets one. */
  crawlDelayMs: number | null;
}

export interface RobotsOptions {
  redis: Redis;
  /** Key prefix, hash-tagged like the queues' (`{newsint}`). */
  prefix: string;
  fetcher: Fetcher;
  ttlMs: number;
  agent?: string;
  /** Longest Crawl-delay honoured (NEWSINT_MAX_CRAWL_DELAY); a longer one is capped. */
  maxCrawlDelayMs?: number;
  /** Told once per download of a robots.txt whose Crawl-delay is long or capped. */
  onCrawlDelay?: (origin: string, askedSeconds: number, usedMs: number) => void;
}

export interface RobotsGate {
  check(url: string, signal?: AbortSignal): Promise<RobotsVerdict>;
}

/**
 * Crawl-delay in ms, or null: only a finite, non-negative number of seconds counts, and
 * it is capped (robots-parser hands back "1e300" as a number; Redis cannot store it).
 */
export function crawlDelayMs(seconds: unknown, maxMs: number): { askedSeconds: number; usedMs: number } | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return null;
  return { askedSeconds: seconds, usedMs: Math.round(Math.min(seconds * 1000, maxMs)) };
}

export function createRobotsGate({ redis, prefix, fetcher, ttlMs, agent = ROBOTS_AGENT, maxCrawlDelayMs = DEFAULT_MAX_CRAWL_DELAY_MS, onCrawlDelay }: RobotsOptions): RobotsGate {
  const keyOf = (origin: string) => `${prefix}:robots:${origin}`;

  /** The robots.txt text; '' when the site has none (4xx): everything allowed. */
  async function download(origin: string, signal?: AbortSignal): Promise<string> {
    try {
      const res = await fetcher.fetch({ url: `${origin}/robots.txt`, accept: 'feed', signal });
      return res.text.slice(0, MAX_ROBOTS_CHARS);
    } catch (err) {
      // 4xx (404 above all) or a file that is not text means "no rules"; 5xx and network
      // trouble mean "ask again later"; a blocked address stays an error for the page too.
      if (err instanceof NewsintError && NO_RULES_CODES.has(err.code) && err.kind === 'permanent') return '';
      throw err;
    }
  }

  async function robotsText(origin: string, signal?: AbortSignal): Promise<string> {
    const key = keyOf(origin);
    const cached = await redis.get(key);
    if (cached !== null) return cached;
    // One worker downloads; the others wait for its copy instead of hitting the site too.
    const locked = await redis.set(`${key}:lock`, '1', 'PX', ROBOTS_LOCK_MS, 'NX');
    if (!locked) {
      for (let waited = 0; waited < ROBOTS_LOCK_MS; waited += POLL_MS) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const text = await redis.get(key);
        if (text !== null) return text;
      }
    }
    try {
      const text = await download(origin, signal);
      await redis.set(key, text, 'PX', Math.max(1, ttlMs));
      // Said once per download, not per page: the operator learns why a host goes slowly.
      const delay = text ? crawlDelayMs(robotsParser(`${origin}/robots.txt`, text).getCrawlDelay(agent), maxCrawlDelayMs) : null;
      if (delay && onCrawlDelay && (delay.askedSeconds * 1000 > delay.usedMs || delay.usedMs >= LONG_CRAWL_DELAY_MS)) onCrawlDelay(origin, delay.askedSeconds, delay.usedMs);
      return text;
    } finally {
      if (locked) await redis.del(`${key}:lock`);
    }
  }

  return {
    async check(url, signal) {
      const origin = new URL(url).origin;
      const text = await robotsText(origin, signal);
      if (!text) return { allowed: true, crawlDelayMs: null };
      const robots = robotsParser(`${origin}/robots.txt`, text);
      const delay = crawlDelayMs(robots.getCrawlDelay(agent), maxCrawlDelayMs);
      return { allowed: robots.isAllowed(url, agent) !== false, crawlDelayMs: delay ? delay.usedMs : null };
    },
  };
}

export function robotsDisallowed(url: string): NewsintError {
  return new NewsintError('ROBOTS_DISALLOWED', `${url} is disallowed for ${ROBOTS_AGENT} by the site's robots.txt`, { kind: 'permanent', url });
}

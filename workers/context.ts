/**
 * What the queue processors share inside one worker process: the fetcher, the manners
 * (robots.txt, per-host politeness, validators) and the queues they feed, built from config.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../src/config.js';
import { createFetcher, type Fetcher } from '../src/fetch/index.js';
import { fetcherOptionsFromConfig } from '../src/fetch/from-config.js';
import { createPoliteness, type Politeness } from '../src/fetch/politeness.js';
import { createRobotsGate, type RobotsGate } from '../src/fetch/robots.js';
import { createValidatorStore, type ValidatorStore } from '../src/fetch/validators.js';
import { createCrawlBudget, type CrawlBudget } from '../src/queue/crawl-budget.js';
import { createQueues, type PipelineQueues } from '../src/queue/queues.js';

export interface WorkerContext {
  config: Config;
  fetcher: Fetcher;
  robots: RobotsGate;
  politeness: Politeness;
  validators: ValidatorStore;
  queues: PipelineQueues;
  /** Fan-out budgets of discovery crawls. */
  budget: CrawlBudget;
  /** One line for the operator (limits reached, hosts that ask for long delays). */
  log: (line: string) => void;
  close(): Promise<void>;
}

/** `redis` is a worker-role connection owned by the caller. */
export function createWorkerContext(config: Config, redis: Redis, log: (line: string) => void = () => {}): WorkerContext {
  const queues = createQueues({ config, connection: redis });
  const fetcher = createFetcher(fetcherOptionsFromConfig(config));
  const prefix = queues.prefix;
  return {
    config,
    fetcher,
    queues,
    budget: createCrawlBudget(redis, prefix),
    log,
    robots: createRobotsGate({
      redis,
      prefix,
      fetcher,
      ttlMs: config.robotsTtlMs,
      maxCrawlDelayMs: config.maxCrawlDelayMs,
      onCrawlDelay: (origin, askedSeconds, usedMs) =>
        log(
          askedSeconds * 1000 > usedMs
            ? `robots.txt of ${origin} asks Crawl-delay ${askedSeconds} s; using ${usedMs / 1000} s (NEWSINT_MAX_CRAWL_DELAY)`
            : `robots.txt of ${origin} asks Crawl-delay ${usedMs / 1000} s: one request to it every ${usedMs / 1000} s`,
        ),
    }),
    politeness: createPoliteness({
      redis,
      prefix,
      maxInFlight: config.hostConcurrency,
      minDelayMs: config.hostDelayMs,
      leaseMs: config.jobDeadlineMs,
    }),
    validators: createValidatorStore({ redis, prefix }),
    close: async () => {
      await queues.close();
      await fetcher.close();
    },
  };
}

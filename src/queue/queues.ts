/**
 * The four queues of the pipeline under one hash-tagged prefix, with the job options
 * (attempts, backoff, retention, deduplication window) that the rules of DESIGN.md ask for.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { hashTagPrefix, QUEUE_NAMES } from './names.js';
import { BACKOFF_TYPE, JITTER } from './retry.js';

/** Completed fetch/discover jobs kept for `status` and debugging, then dropped. */
export const KEEP_COMPLETED = { age: 3_600, count: 1_000 };
/** Failed jobs kept a week so an operator can read the reason. */
export const KEEP_FAILED = { age: 7 * 86_400, count: 5_000 };
/** Extract jobs carry whole pages: keep few once done. */
export const KEEP_EXTRACT_COMPLETED = { age: 600, count: 50 };
/** Extraction is deterministic: a second try only covers infrastructure trouble. */
export const EXTRACT_ATTEMPTS = 2;
/** Consumers that throw get this many tries before the record waits in `failed`. */
export const RESULT_ATTEMPTS = 3;

export type QueueConfig = Pick<Config, 'prefix' | 'attempts' | 'backoffMs'>;

export function jobOptions(config: QueueConfig): Record<'discover' | 'fetch' | 'extract' | 'results', JobsOptions> {
  const backoff = { type: BACKOFF_TYPE, delay: config.backoffMs };
  return {
    discover: { attempts: config.attempts, backoff, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
    fetch: { attempts: config.attempts, backoff, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
    extract: { attempts: EXTRACT_ATTEMPTS, backoff, removeOnComplete: KEEP_EXTRACT_COMPLETED, removeOnFail: KEEP_FAILED },
    // A consumed record is gone from Redis: the consumer now owns it. Built-in backoff here,
    // so consumers in any language (BullMQ for Python too) retry without our custom strategy.
    results: {
      attempts: RESULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: config.backoffMs, jitter: JITTER },
      removeOnComplete: true,
      removeOnFail: false,
    },
  };
}

export interface PipelineQueues {
  discover: Queue;
  fetch: Queue;
  extract: Queue;
  results: Queue;
  prefix: string;
  close(): Promise<void>;
}

export interface CreateQueuesOptions {
  config: QueueConfig;
  /** Shared by the four queues; the caller owns and closes it. */
  connection: Redis;
}

/** One queue with its default job options, for processes that only produce to it. */
export function createQueue(name: keyof typeof QUEUE_NAMES, { config, connection }: CreateQueuesOptions): Queue {
  const queue = new Queue(QUEUE_NAMES[name], { connection, prefix: hashTagPrefix(config.prefix), defaultJobOptions: jobOptions(config)[name] });
  // Without a listener BullMQ prints every connection error with its stack; the calls that
  // fail reject anyway, and workers report an outage once (src/ops/redis-watch.ts).
  queue.on('error', () => {});
  return queue;
}

export function createQueues({ config, connection }: CreateQueuesOptions): PipelineQueues {
  const prefix = hashTagPrefix(config.prefix);
  const make = (name: keyof typeof QUEUE_NAMES) => createQueue(name, { config, connection });
  const queues = { discover: make('discover'), fetch: make('fetch'), extract: make('extract'), results: make('results') };
  return {
    ...queues,
    prefix,
    close: async () => {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

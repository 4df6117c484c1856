/**
 * Library API of the distributed pipeline, for producers and consumers in Node:
 * enqueue URLs, manage crawl schedules, read queue counts, consume records, look at and
 * steer a running pipeline. Every `newsint` command that talks to Redis goes through here.
 * Each call reads configuration like the CLI does (environment, then `options`).
 */
import { loadConfig, type Config, type ConfigOverrides } from './config.js';
import { assertRedisReachable, createRedis } from './queue/connection.js';
import { dropDeadRecords, listDeadRecords, retryDeadRecords, type DeadRecord, type DeadTarget } from './queue/dead-letter.js';
import { enqueueFetchJobs, type EnqueueRejection, type EnqueueSummary } from './queue/enqueue.js';
import { createQueues, type PipelineQueues } from './queue/queues.js';
import { consumeResults as consumeWith, type RecordHandler, type ResultsConsumer } from './queue/results.js';
import { listSchedules as list, removeSchedule as remove, upsertSchedule, type ScheduleInfo, type ScheduleSpec } from './queue/schedule.js';
import { countJobs, type QueueCounts } from './queue/status.js';
import type { DrainOutcome, StartOptions } from '../workers/runner.js';
import {
  listFailures,
  pipelineOverview,
  recentRecords,
  retryFailedJob,
  type FailureInfo,
  type PipelineOverview,
  type QueueKey,
  type RecordSummary,
} from './queue/overview.js';

export type { DeadRecord, DeadTarget, EnqueueRejection, EnqueueSummary, RecordHandler, ResultsConsumer, ScheduleInfo, ScheduleSpec, QueueCounts };
export type { FailureInfo, PipelineOverview, QueueKey, RecordSummary };

/** Configuration overrides by field name (`{ redisUrl, prefix, recrawlWindowMs, ... }`). */
export type ApiOptions = ConfigOverrides | Partial<Config>;

function resolve(options: ApiOptions = {}): Config {
  return loadConfig(process.env, options as ConfigOverrides);
}

async function withQueues<T>(options: ApiOptions | undefined, use: (queues: PipelineQueues, config: Config) => Promise<T>): Promise<T> {
  const config = resolve(options);
  await assertRedisReachable(config.redisUrl);
  const connection = createRedis({ url: config.redisUrl, role: 'client' });
  const queues = createQueues({ config, connection });
  try {
    return await use(queues, config);
  } finally {
    await queues.close();
    connection.disconnect();
  }
}

/**
 * Queue article URLs for fetching and extraction.
 * @example
 * const { added, duplicates, invalid } = await enqueueUrls(['https://example.com/news/1']);
 */
export function enqueueUrls(urls: Iterable<string>, options?: ApiOptions & { source?: string }): Promise<EnqueueSummary> {
  return withQueues(options, (q, config) =>
    enqueueFetchJobs(q, urls, { recrawlWindowMs: config.recrawlWindowMs, maxUrlLength: config.maxUrlLength, source: options?.source ?? null }),
  );
}

/**
 * Create or update a crawl schedule over feeds and sitemaps.
 * @example
 * await scheduleSource({ name: 'cisa', feeds: ['https://www.cisa.gov/news.xml'], everyMs: 15 * 60_000 });
 */
export function scheduleSource(spec: ScheduleSpec, options?: ApiOptions): Promise<ScheduleInfo> {
  return withQueues(options, (q, config) => upsertSchedule(q.discover, spec, config));
}

export function listSchedules(options?: ApiOptions): Promise<ScheduleInfo[]> {
  return withQueues(options, (q) => list(q.discover));
}

export function removeSchedule(name: string, options?: ApiOptions): Promise<boolean> {
  return withQueues(options, (q) => remove(q.discover, name));
}

export function queueCounts(options?: ApiOptions): Promise<QueueCounts> {
  return withQueues(options, (q) => countJobs(q));
}

/**
 * Take records off the results queue; each is removed only after `handler` resolved.
 * @example
 * const consumer = await consumeResults(async (record) => { await index(record); }, { follow: true });
 * process.on('SIGTERM', () => consumer.close());
 */
export async function consumeResults(
  handler: RecordHandler,
  options: ApiOptions & { follow?: boolean; concurrency?: number } = {},
): Promise<ResultsConsumer> {
  const config = resolve(options);
  await assertRedisReachable(config.redisUrl);
  const connection = createRedis({ url: config.redisUrl, role: 'worker' });
  const consumer = consumeWith(handler, { connection, prefix: config.prefix, follow: options.follow ?? true, concurrency: options.concurrency });
  const done = consumer.done.finally(() => connection.disconnect());
  return {
    done,
    close: async () => {
      await consumer.close();
      await done.catch(() => 0);
    },
  };
}

/**
 * Records whose consumer failed them on every attempt (the dead-letter list), most recent first.
 * @example
 * const { total, records } = await listFailedResults({ limit: 20 });
 */
export function listFailedResults(options: ApiOptions & { limit?: number } = {}): Promise<{ total: number; records: DeadRecord[] }> {
  return withQueues(options, (q) => listDeadRecords(q.results, options.limit));
}

/**
 * Hand dead records to consumers again (a record id, a results job id, or `{ all: true }`).
 * @example
 * await retryFailedResults({ all: true });   // -> number replayed
 */
export function retryFailedResults(target: DeadTarget, options?: ApiOptions): Promise<number> {
  return withQueues(options, (q) => retryDeadRecords(q.results, target));
}

/** Delete dead records for good (a record id, a results job id, or `{ all: true }`). */
export function dropFailedResults(target: DeadTarget, options?: ApiOptions): Promise<number> {
  return withQueues(options, (q) => dropDeadRecords(q.results, target));
}

/** Counts, rates, workers seen, schedules (last/next run) and why delayed jobs wait. */
export function pipelineStatus(options?: ApiOptions): Promise<PipelineOverview> {
  return withQueues(options, (q) => pipelineOverview(q));
}

/** The most recent failed jobs of each queue (or of `queues`), newest first, with their reasons. */
export function failedJobs(limit: number, options?: ApiOptions & { queues?: QueueKey[] }): Promise<FailureInfo[]> {
  return withQueues(options, (q) => listFailures(q, limit, options?.queues));
}

/** Put a failed job back to work; false when that job is not (or no longer) failed. */
export function retryJob(queue: QueueKey, id: string, options?: ApiOptions): Promise<boolean> {
  return withQueues(options, (q) => retryFailedJob(q, queue, id));
}

/** A long-lived view of the pipeline for a monitor (the dashboard): one connection, many reads. */
export interface PipelineMonitor {
  config: Config;
  /** The BullMQ queues, for tools that speak BullMQ themselves (Bull Board). */
  queues: PipelineQueues;
  overview(): Promise<PipelineOverview>;
  failures(limit: number): Promise<FailureInfo[]>;
  retry(queue: QueueKey, id: string): Promise<boolean>;
  recentRecords(limit: number): Promise<RecordSummary[]>;
  close(): Promise<void>;
}

export async function openMonitor(options?: ApiOptions): Promise<PipelineMonitor> {
  const config = resolve(options);
  await assertRedisReachable(config.redisUrl);
  // Worker role: a monitor outlives Redis restarts instead of giving up after two tries.
  const connection = createRedis({ url: config.redisUrl, role: 'worker' });
  const queues = createQueues({ config, connection });
  return {
    config,
    queues,
    overview: () => pipelineOverview(queues),
    failures: (limit) => listFailures(queues, limit),
    retry: (queue, id) => retryFailedJob(queues, queue, id),
    recentRecords: (limit) => recentRecords(queues, limit),
    close: async () => {
      await queues.close();
      connection.disconnect();
    },
  };
}

/**
 * Run queue workers in this process until `stop()` (the `newsint worker` command adds signal
 * handling). Resolves once every worker is ready. Pass a pino `log` for one line per article
 * and a `metrics` object (src/ops/metrics.ts) to count pages for Prometheus.
 * @example
 * const worker = await startWorker({ queues: ['fetch'] }, { log: createLogger() });
 * process.on('SIGTERM', () => void worker.stop());
 */
export async function startWorker(options?: ApiOptions, hooks: StartOptions = {}): Promise<RunningWorker> {
  const config = resolve(options);
  await assertRedisReachable(config.redisUrl);
  const { startWorkers } = await import('../workers/runner.js');
  const running = await startWorkers(config, hooks);
  return {
    name: running.name,
    stop: () => running.close(),
    activeJobs: () => running.activeJobs(),
    drain: (boundMs = config.drainTimeoutMs) => running.drain(boundMs),
    handBack: () => running.handBack(),
  };
}

export interface RunningWorker {
  name: string;
  /** Finish active jobs (however long they take), then close. */
  stop(): Promise<void>;
  /** Jobs being processed now. */
  activeJobs(): number;
  /** Stop taking jobs, wait up to `boundMs` (default NEWSINT_DRAIN_TIMEOUT) for active ones, hand the rest back to the queue, close. */
  drain(boundMs?: number): Promise<DrainOutcome>;
  /** Put every active job back on the waiting list now, for a process that exits at once. */
  handBack(): Promise<number>;
}

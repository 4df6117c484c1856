/**
 * Starts the chosen queue workers in this process and stops them gracefully: on SIGTERM
 * or SIGINT, active jobs finish, connections close, and the process exits 0.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Job, Worker } from 'bullmq';
import { configToEnv, type Config, type QueueKind } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { createRedis } from '../src/queue/connection.js';
import { hashTagPrefix, QUEUE_NAMES } from '../src/queue/names.js';
import { slimExtractData } from '../src/queue/payloads.js';
import { createBackoffStrategy } from '../src/queue/retry.js';
import { PipelineWorker } from '../src/queue/worker.js';
import { createWorkerContext } from './context.js';
import { createDiscoverProcessor } from './discover.js';
import { createFetchProcessor } from './fetch.js';

export type Log = (line: string) => void;

export interface RunningWorkers {
  workers: Worker[];
  /** Finish active jobs, then close every connection. */
  close(): Promise<void>;
}

/** The compiled sandbox file: BullMQ forks it, so it must be JavaScript (dist/workers/extract.js). */
export function extractProcessorPath(): string {
  const here = fileURLToPath(new URL('./extract.js', import.meta.url));
  if (existsSync(here)) return here;
  // Running from TypeScript sources (tests): use the build output.
  return fileURLToPath(new URL('../dist/workers/extract.js', import.meta.url));
}

export async function startWorkers(config: Config, log: Log = () => {}): Promise<RunningWorkers> {
  const redis = createRedis({ url: config.redisUrl, role: 'worker' });
  await redis.connect();
  const ctx = createWorkerContext(config, redis, log);
  const prefix = hashTagPrefix(config.prefix);
  const settings = { backoffStrategy: createBackoffStrategy({ baseMs: config.backoffMs, maxRetryAfterMs: config.maxRetryAfterMs }) };
  const common = { connection: redis, prefix, settings, autorun: false };
  const workers: Worker[] = [];
  const serve = new Set<QueueKind>(config.queues);

  if (serve.has('discover')) {
    workers.push(new PipelineWorker(QUEUE_NAMES.discover, createDiscoverProcessor(ctx), { ...common, concurrency: config.discoverConcurrency }));
  }
  if (serve.has('fetch')) {
    workers.push(
      new PipelineWorker(QUEUE_NAMES.fetch, createFetchProcessor(ctx), {
        ...common,
        concurrency: config.fetchConcurrency,
        // Global across all workers on this Redis: BullMQ keeps the counter there.
        limiter: { max: config.rateMax, duration: config.rateDurationMs },
      }),
    );
  }
  if (serve.has('extract')) {
    workers.push(
      new PipelineWorker(QUEUE_NAMES.extract, extractProcessorPath(), {
        ...common,
        concurrency: config.extractConcurrency,
        // The sandbox child reads its config (Redis URL, prefix) from the environment.
        workerForkOptions: { env: { ...process.env, ...configToEnv(config) } },
      }),
    );
  }

  for (const worker of workers) {
    worker.on('failed', (job: Job | undefined, err: Error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
      log(`${final ? 'failed' : 'retry'} ${worker.name} ${job.id}: ${describeError(err)}`);
      // The sandbox drops the page from a job it fails for good; this covers the failures it
      // never saw (a child that crashed, a job failed as stalled).
      if (final && worker.name === QUEUE_NAMES.extract && typeof (job.data as { html?: unknown } | null)?.html === 'string') {
        void job.updateData(slimExtractData(job.data)).catch(() => undefined);
      }
    });
    worker.on('error', (err) => log(`error ${worker.name}: ${describeError(err)}`));
    void worker.run().catch((err) => log(`error ${worker.name}: ${describeError(err)}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  let closing: Promise<void> | undefined;
  return {
    workers,
    close: () =>
      (closing ??= (async () => {
        await Promise.all(workers.map((w) => w.close()));
        await ctx.close();
        redis.disconnect();
      })()),
  };
}

/** `newsint worker`: run until SIGTERM/SIGINT, then drain and exit 0; a second signal forces exit. */
export async function runWorkers(config: Config, log: Log = (line) => process.stderr.write(line + '\n')): Promise<void> {
  const running = await startWorkers(config, log);
  log(`worker ${process.pid}: serving ${config.queues.join(', ')} on ${hashTagPrefix(config.prefix)} (fetch concurrency ${config.fetchConcurrency}, extract ${config.extractConcurrency})`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`worker ${process.pid}: ${signal} again, exiting now; active jobs will be recovered as stalled`);
      process.exit(0);
    }
    stopping = true;
    log(`worker ${process.pid}: ${signal}, finishing active jobs`);
    running.close().then(
      () => {
        log(`worker ${process.pid}: stopped`);
        process.exit(0);
      },
      (err) => {
        log(`worker ${process.pid}: shutdown error: ${describeError(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

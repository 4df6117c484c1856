/**
 * How a worker process runs extraction, by NEWSINT_EXTRACT_ISOLATION:
 * - `thread` (default): a pool of deadline threads with a heap cap each, in this process;
 * - `process`: BullMQ sandbox children, one per core, each with a deadline thread.
 * `npm run bench` measures both (README, "Speed"); the thread pool is faster and smaller.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Processor, WorkerOptions } from 'bullmq';
import { configToEnv, type Config } from '../src/config.js';
import type { WorkerContext } from './context.js';
import { createDeadlineExtractor } from './extract-deadline.js';
import { createExtractProcessor } from './extract.js';

/**
 * Extract jobs in flight per extraction thread: while one job's Redis work (fetching the job,
 * publishing, completing) is on the wire, the next page is already in the thread.
 */
export const JOBS_PER_THREAD = 2;

export interface Extraction {
  processor: string | Processor;
  options: Partial<WorkerOptions>;
  close(): Promise<void>;
}

/** The compiled sandbox file: BullMQ forks it, so it must be JavaScript (dist/workers/extract-sandbox.js). */
export function extractProcessorPath(): string {
  const here = fileURLToPath(new URL('./extract-sandbox.js', import.meta.url));
  if (existsSync(here)) return here;
  // Running from TypeScript sources (tests): use the build output.
  return fileURLToPath(new URL('../dist/workers/extract-sandbox.js', import.meta.url));
}

export function createExtraction(config: Config, ctx: WorkerContext): Extraction {
  if (config.extractIsolation === 'process') {
    return {
      processor: extractProcessorPath(),
      // The sandbox child reads its config (Redis URL, prefix) from the environment.
      options: { concurrency: config.extractConcurrency, useWorkerThreads: false, workerForkOptions: { env: { ...process.env, ...configToEnv(config) } } },
      close: async () => {},
    };
  }
  const extractor = createDeadlineExtractor({ deadlineMs: config.extractDeadlineMs, threads: config.extractConcurrency, maxHeapMb: config.extractMemoryMb, recycleGrowthMb: config.extractRecycleMb });
  const limits = { maxExtractBytes: config.maxExtractBytes, maxRecordBytes: config.maxRecordBytes };
  return {
    processor: createExtractProcessor({ results: ctx.queues.results, extractor, limits }) as Processor,
    options: { concurrency: config.extractConcurrency * JOBS_PER_THREAD },
    close: () => extractor.close(),
  };
}

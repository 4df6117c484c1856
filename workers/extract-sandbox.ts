/**
 * The `process` extraction design (NEWSINT_EXTRACT_ISOLATION=process): BullMQ runs this file
 * as a SANDBOXED processor, a child process per core, each extracting in a deadline thread of
 * its own. Kept beside the default thread pool so `npm run bench` can weigh the two.
 */
import type { SandboxedJob } from 'bullmq';
import { loadConfig } from '../src/config.js';
import { limitHeapGrowth } from '../src/ops/heap-growth.js';
import { createRedis } from '../src/queue/connection.js';
import { createQueue } from '../src/queue/queues.js';
import { createDeadlineExtractor } from './extract-deadline.js';
import { createExtractProcessor, type ExtractOutcome } from './extract.js';

/**
 * A sandbox child is a process of its own that BullMQ reuses for many jobs: it holds one
 * results connection and one extraction thread for its lifetime, and reads the config the
 * runner handed down through env.
 */
let processor: ((job: SandboxedJob) => Promise<ExtractOutcome>) | undefined;
/** Longest an orphaned child (its parent gone) spends closing before it exits anyway. */
const ORPHAN_EXIT_MS = 2_000;

function openSandbox(): (job: SandboxedJob) => Promise<ExtractOutcome> {
  const config = loadConfig(process.env);
  limitHeapGrowth(config.heapGrowthPercent);
  const connection = createRedis({ url: config.redisUrl, role: 'worker' });
  const results = createQueue('results', { config, connection });
  const extractor = createDeadlineExtractor({ deadlineMs: config.extractDeadlineMs, threads: 1 });
  // The parent closes its child pool on shutdown; an orphaned child must not linger.
  // Ctrl-C reaches the whole process group: let the parent finish the job and stop us.
  process.on('SIGINT', () => {});
  process.once('disconnect', () => {
    // Closing waits for Redis, which may be away: the exit does not.
    setTimeout(() => process.exit(0), ORPHAN_EXIT_MS).unref();
    void Promise.allSettled([results.close(), extractor.close()]).finally(() => process.exit(0));
  });
  return createExtractProcessor({ results, extractor, limits: { maxExtractBytes: config.maxExtractBytes, maxRecordBytes: config.maxRecordBytes } });
}

export default async function processExtract(job: SandboxedJob): Promise<ExtractOutcome> {
  return (processor ??= openSandbox())(job);
}

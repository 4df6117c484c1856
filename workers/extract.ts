/**
 * The `extract` queue processor, run by BullMQ as a SANDBOXED processor (its own child
 * process, one per core) so the CPU-bound core never blocks fetching: HTML -> record ->
 * `results`, with the record id as job id so a record is published once.
 */
import { Queue, UnrecoverableError, type SandboxedJob } from 'bullmq';
import { ZodError } from 'zod';
import { loadConfig } from '../src/config.js';
import { extractArticle } from '../src/extract-article.js';
import { createRedis } from '../src/queue/connection.js';
import { JOB_NAMES } from '../src/queue/names.js';
import { checkPayload, ExtractJobSchema, ResultJobSchema } from '../src/queue/payloads.js';
import { createQueue } from '../src/queue/queues.js';
import { toWorkerError } from '../src/queue/retry.js';

export interface ExtractOutcome {
  id: string;
  title: string | null;
  wordCount: number;
}

/** Extraction itself: pure, no Redis; exported for in-process use and tests. */
export async function extractAndPublish(data: unknown, publish: (record: ReturnType<typeof extractArticle>) => Promise<void>): Promise<ExtractOutcome> {
  try {
    const job = checkPayload(ExtractJobSchema, data, 'extract');
    const record = checkPayload(ResultJobSchema, extractArticle(job.html, { url: job.url, fetchedAt: job.fetchedAt }), 'results');
    await publish(record);
    return { id: record.id, title: record.title, wordCount: record.wordCount };
  } catch (err) {
    // A record that breaks the schema would break again: fail at once with the reason.
    if (err instanceof ZodError) throw new UnrecoverableError(`SCHEMA_VIOLATION: ${err.issues[0]?.message ?? err.message}`);
    throw toWorkerError(err);
  }
}

/**
 * This child process's results queue. A sandbox child is a process of its own that
 * BullMQ reuses for many jobs, so it keeps one connection for its lifetime instead of
 * opening one per record; it reads the config the runner handed down through env.
 */
let results: Queue | undefined;
function resultsQueue(): Queue {
  if (!results) {
    const config = loadConfig(process.env);
    const connection = createRedis({ url: config.redisUrl, role: 'worker' });
    results = createQueue('results', { config, connection });
    // The parent closes its child pool on shutdown; an orphaned child must not linger.
    // Ctrl-C reaches the whole process group: let the parent finish the job and stop us.
    process.on('SIGINT', () => {});
    process.once('disconnect', () => void results?.close().finally(() => process.exit(0)));
  }
  return results;
}

export default async function processExtract(job: SandboxedJob): Promise<ExtractOutcome> {
  return extractAndPublish(job.data, async (record) => {
    await resultsQueue().add(JOB_NAMES.results, record, { jobId: record.id });
  });
}

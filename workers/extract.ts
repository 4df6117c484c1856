/**
 * The `extract` queue processor, run by BullMQ as a SANDBOXED processor (its own child
 * process, one per core) so the CPU-bound core never blocks fetching: HTML -> record ->
 * `results`, with the record id as job id so a record is published once.
 */
import { Queue, UnrecoverableError, type SandboxedJob } from 'bullmq';
import { ZodError } from 'zod';
import { loadConfig } from '../src/config.js';
import { extractArticle, extractText } from '../src/extract-article.js';
import { createRedis } from '../src/queue/connection.js';
import { JOB_NAMES } from '../src/queue/names.js';
import { checkPayload, ExtractJobSchema, type ExtractJob } from '../src/queue/payloads.js';
import type { ArticleRecord } from '../src/record/schema.js';
import { createDeadlineExtractor, type DeadlineExtractor } from './extract-deadline.js';
import { createQueue } from '../src/queue/queues.js';
import { toWorkerError } from '../src/queue/retry.js';

export interface ExtractOutcome {
  id: string;
  title: string | null;
  wordCount: number;
}

type Extract = (job: ExtractJob) => ArticleRecord | Promise<ArticleRecord>;

/** Payload in, validated record published; `extract` defaults to in-process extraction. */
export async function extractAndPublish(
  data: unknown,
  publish: (record: ArticleRecord) => Promise<void>,
  extract: Extract = (job) =>
    job.inputType === 'text' ? extractText(job.html, { url: job.url, fetchedAt: job.fetchedAt }) : extractArticle(job.html, { url: job.url, fetchedAt: job.fetchedAt }),
): Promise<ExtractOutcome> {
  try {
    const job = checkPayload(ExtractJobSchema, data, 'extract');
    // extractArticle validated the record before returning it; consumers check it again on their side.
    const record = await extract(job);
    await publish(record);
    return { id: record.id, title: record.title, wordCount: record.wordCount };
  } catch (err) {
    // A record that breaks the schema would break again: fail at once with the reason.
    if (err instanceof ZodError) throw new UnrecoverableError(`SCHEMA_VIOLATION: ${err.issues[0]?.message ?? err.message}`);
    throw toWorkerError(err);
  }
}

/**
 * What this child process keeps between jobs: a sandbox child is a process of its own that
 * BullMQ reuses for many jobs, so it holds one results connection and one extraction thread
 * for its lifetime; it reads the config the runner handed down through env.
 */
interface Sandbox {
  results: Queue;
  extractor: DeadlineExtractor;
}
let sandbox: Sandbox | undefined;

function openSandbox(): Sandbox {
  const config = loadConfig(process.env);
  const connection = createRedis({ url: config.redisUrl, role: 'worker' });
  const opened: Sandbox = {
    results: createQueue('results', { config, connection }),
    extractor: createDeadlineExtractor(config.extractDeadlineMs),
  };
  // The parent closes its child pool on shutdown; an orphaned child must not linger.
  // Ctrl-C reaches the whole process group: let the parent finish the job and stop us.
  process.on('SIGINT', () => {});
  process.once('disconnect', () => void Promise.allSettled([opened.results.close(), opened.extractor.close()]).finally(() => process.exit(0)));
  return opened;
}

export default async function processExtract(job: SandboxedJob): Promise<ExtractOutcome> {
  const { results, extractor } = (sandbox ??= openSandbox());
  return extractAndPublish(
    job.data,
    async (record) => {
      await results.add(JOB_NAMES.results, record, { jobId: record.id });
    },
    (payload) => extractor.extract({ html: payload.html, url: payload.url, fetchedAt: payload.fetchedAt, ...(payload.inputType ? { inputType: payload.inputType } : {}) }),
  );
}

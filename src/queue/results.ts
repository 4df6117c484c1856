/**
 * Consumers of the results queue: a BullMQ worker hands each record to the caller's
 * handler and completes (removes) the job only after the handler resolved, so a crash
 * while writing leaves the record in the queue for the next consumer; a handler that
 * throws gets the record again after the job's exponential backoff, and after its last
 * attempt the record waits in the dead-letter list (src/queue/dead-letter.ts).
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ArticleRecord } from '../record/schema.js';
import { hashTagPrefix, QUEUE_NAMES } from './names.js';
import { checkPayload, ResultJobSchema } from './payloads.js';
import { toWorkerError } from './retry.js';
import { PipelineWorker } from './worker.js';

export type RecordHandler = (record: ArticleRecord, job: Job) => void | Promise<void>;

export interface ConsumeResultsOptions {
  /** A worker-role connection (maxRetriesPerRequest: null); the caller owns it. */
  connection: Redis;
  prefix: string;
  /** Keep waiting for new records (true) or stop once the queue is drained (false). */
  follow?: boolean;
  /** Records handled at once; 1 keeps output in queue order. */
  concurrency?: number;
}

export interface ResultsConsumer {
  /** Resolves with the number of records handled once drained (follow: false) or closed. */
  done: Promise<number>;
  close(): Promise<void>;
}

export function consumeResults(handler: RecordHandler, options: ConsumeResultsOptions): ResultsConsumer {
  let handled = 0;
  const worker = new PipelineWorker(
    QUEUE_NAMES.results,
    async (job: Job) => {
      let record: ArticleRecord;
      try {
        record = checkPayload(ResultJobSchema, job.data, 'results');
      } catch (err) {
        // A record that breaks the contract is never handed out; it stays in `failed`.
        throw new UnrecoverableError((toWorkerError(err) as Error).message);
      }
      await handler(record, job);
      handled++;
    },
    {
      connection: options.connection,
      prefix: hashTagPrefix(options.prefix),
      concurrency: options.concurrency ?? 1,
    },
  );
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= worker.close());
  const done = new Promise<number>((resolve, reject) => {
    worker.on('error', (err) => {
      if (!options.follow) reject(err);
    });
    worker.on('closed', () => resolve(handled));
    if (!options.follow) worker.on('drained', () => void close());
  });
  return { done, close };
}

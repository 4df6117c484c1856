/**
 * The `extract` queue processor: HTML -> record -> `results`. The CPU-bound core runs in
 * extraction threads (./extract-deadline.ts), never on the worker's event loop, and is not
 * imported here. The results job id is the record id plus the crawl (see resultJobId): a
 * job that runs twice publishes once, a later crawl publishes again.
 */
import { UnrecoverableError, type Queue } from 'bullmq';
import { ZodError } from 'zod';
import { JOB_NAMES } from '../src/queue/names.js';
import { downstreamJobId, resultJobId } from '../src/queue/ids.js';
import { NewsintError } from '../src/errors.js';
import { checkPayload, ExtractJobSchema, slimExtractData, type ExtractJob } from '../src/queue/payloads.js';
import type { ArticleRecord } from '../src/record/schema.js';
import type { DeadlineExtractor } from './extract-deadline.js';
import { toWorkerError } from '../src/queue/retry.js';

/**
 * What a finished extract job returns to the parent process: what its log line, its metrics
 * and the dashboard's "latest records" show, without the article text.
 */
export interface ExtractOutcome {
  id: string;
  url: string;
  title: string | null;
  wordCount: number;
  /** Extraction time in the sandbox, ms. */
  ms: number;
  /** Entity names by type, for the dashboard; counts are their lengths. */
  entities: Record<string, string[]>;
}

/** Names of the entities of each type (CVEs by id, techniques by id, indicators by value). */
function entityNames(record: ArticleRecord): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [type, list] of Object.entries(record.entities) as Array<[string, Array<Record<string, unknown>>]>) {
    out[type] = list.map((e) => String(e.name ?? e.id ?? e.value ?? e.code ?? e.text ?? '?'));
  }
  return out;
}

type Extract = (job: ExtractJob) => ArticleRecord | Promise<ArticleRecord>;

export interface ExtractLimits {
  /** NEWSINT_MAX_EXTRACT_BYTES: UTF-8 bytes of HTML a page may have. */
  maxExtractBytes: number;
  /** NEWSINT_MAX_RECORD_BYTES: JSON bytes a record may have. */
  maxRecordBytes: number;
}

export interface ExtractAndPublishOptions {
  publish: (record: ArticleRecord) => Promise<void>;
  /** Where the page is extracted (a deadline thread in the product). */
  extract: Extract;
  limits: ExtractLimits;
}

const MB = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

function tooLarge(what: string, bytes: number, limit: number, env: string, url: string): NewsintError {
  return new NewsintError('TOO_LARGE', `${what} of ${url} is ${MB(bytes)} (${bytes} bytes), over ${env} (${limit} bytes)`, { kind: 'permanent', url });
}

/** Payload in, validated record published, within the byte limits. */
export async function extractAndPublish(data: unknown, { publish, extract, limits }: ExtractAndPublishOptions): Promise<ExtractOutcome> {
  try {
    if ((data as { htmlDropped?: unknown } | null)?.htmlDropped === true) {
      const url = String((data as { url?: unknown }).url);
      throw new NewsintError('BAD_INPUT', `this extract job of ${url} no longer holds its page (dropped when the job finished); enqueue the URL again`, { kind: 'permanent', url });
    }
    const job = checkPayload(ExtractJobSchema, data, 'extract');
    // Checked before extraction: a page far over the cap can take a worker's memory with it.
    // A gzipped page says its size; the thread checks it again as it inflates the page.
    const htmlBytes = job.html !== undefined ? Buffer.byteLength(job.html) : (job.htmlBytes ?? 0);
    if (htmlBytes > limits.maxExtractBytes) throw tooLarge('the page', htmlBytes, limits.maxExtractBytes, 'NEWSINT_MAX_EXTRACT_BYTES', job.url);
    const started = performance.now();
    // extractArticle validated the record before returning it; consumers check it again on their side.
    const record = await extract(job);
    const ms = Math.round(performance.now() - started);
    const recordBytes = Buffer.byteLength(JSON.stringify(record));
    if (recordBytes > limits.maxRecordBytes) throw tooLarge('the record', recordBytes, limits.maxRecordBytes, 'NEWSINT_MAX_RECORD_BYTES', job.url);
    await publish(record);
    return { id: record.id, url: job.url, title: record.title, wordCount: record.wordCount, ms, entities: entityNames(record) };
  } catch (err) {
    // A record that breaks the schema would break again: fail at once with the reason.
    if (err instanceof ZodError) throw new UnrecoverableError(`SCHEMA_VIOLATION: ${err.issues[0]?.message ?? err.message}`);
    throw toWorkerError(err);
  }
}

/** What the processor needs of a job: a BullMQ Job in the worker process, or a sandboxed one. */
export interface ExtractJobHandle {
  id?: string;
  data: unknown;
  attemptsMade: number;
  opts: { attempts?: number };
  updateData(data: unknown): Promise<void>;
}

export interface ExtractProcessorOptions {
  results: Queue;
  extractor: DeadlineExtractor;
  limits: ExtractLimits;
}

/** True when this failure ends the job: permanent, or its last attempt. */
function isFinal(job: ExtractJobHandle, err: unknown): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** The processor: page extracted by `extractor`, record published on `results`. */
export function createExtractProcessor({ results, extractor, limits }: ExtractProcessorOptions) {
  return async function processExtract(job: ExtractJobHandle): Promise<ExtractOutcome> {
    const jobId = downstreamJobId(job.id);
    try {
      // After a success the page stays in the job until BullMQ has recorded it: the runner drops
      // it then (workers/runner.ts). Dropped here, a job whose lock lapsed before it was marked
      // done (Redis away longer than NEWSINT_LOCK_DURATION) would run again without its page.
      return await extractAndPublish(job.data, {
        publish: async (record) => {
          await results.add(JOB_NAMES.results, record, { jobId: resultJobId(record.id, jobId) });
        },
        extract: (payload) =>
          extractor.extract({
            ...(payload.htmlGzip !== undefined ? { htmlGzip: payload.htmlGzip, maxBytes: limits.maxExtractBytes, ...(payload.charset ? { charset: payload.charset } : {}) } : { html: payload.html }),
            url: payload.url,
            fetchedAt: payload.fetchedAt,
            ...(payload.inputType ? { inputType: payload.inputType } : {}),
          }),
        limits,
      });
    } catch (err) {
      // A job failing for good needs its page no more (a re-run could only fail again).
      if (isFinal(job, err)) await job.updateData(slimExtractData(job.data)).catch(() => undefined);
      throw err;
    }
  };
}

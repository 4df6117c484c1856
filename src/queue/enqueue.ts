/**
 * Producers: article URLs into `fetch` (canonicalized, deduplicated within the re-crawl
 * window through BullMQ deduplication), feeds and sitemaps into `discover`. A URL whose
 * last job failed is not a duplicate: it can be queued again at once.
 */
import type { Queue } from 'bullmq';
import { NewsintError, type ErrorCode } from '../errors.js';
import { canonicalizeUrl } from '../url/canonical.js';
import { downstreamJobId, fetchJobId, urlKey } from './ids.js';
import { JOB_NAMES } from './names.js';
import { checkPayload, FetchJobSchema, type FetchJob } from './payloads.js';

export interface EnqueueRejection {
  input: string;
  code: ErrorCode;
  message: string;
}

export interface EnqueueSummary {
  /** Jobs added now (including URLs whose earlier job had failed). */
  added: number;
  /** Of `added`: URLs queued again because their earlier job had failed. */
  requeued: number;
  /** Already queued or fetched within the re-crawl window (or repeated in this batch). */
  duplicates: number;
  /** Inputs refused: not an absolute http(s) URL, or longer than the URL length limit. */
  invalid: string[];
  /** Why each of `invalid` was refused. */
  rejected: EnqueueRejection[];
}

/** The queues an enqueue touches: `extract` lets a URL whose extraction failed be queued again. */
export interface EnqueueQueues {
  fetch: Queue;
  extract?: Queue;
}

export interface EnqueueOptions {
  recrawlWindowMs: number;
  source?: string | null;
  /** NEWSINT_MAX_URL_LENGTH; unset means DEFAULT_MAX_URL_LENGTH. */
  maxUrlLength?: number;
  /**
   * Queue a URL again at once when its earlier job failed (default true: a user asked for
   * it). Discovery passes false, so a dead link in a feed is not fetched at every run.
   */
  requeueFailed?: boolean;
  /** Batch size for addBulk round trips. */
  chunkSize?: number;
}

export const ENQUEUE_CHUNK = 200;
/** The sitemaps.org limit, and what most servers and browsers accept. */
export const DEFAULT_MAX_URL_LENGTH = 2048;

export function urlTooLong(url: string, max: number): NewsintError {
  return new NewsintError('BAD_URL', `URL of ${url.length} characters (${JSON.stringify(url.slice(0, 60))}...) is longer than NEWSINT_MAX_URL_LENGTH (${max})`, {
    kind: 'permanent',
  });
}

type FetchAdd = { name: string; data: FetchJob; opts: { jobId: string; deduplication: { id: string; ttl: number } } };

/** True when the job that holds a URL's dedup key has failed for good, at fetch or at extract. */
async function holderFailed(queues: EnqueueQueues, holderId: string): Promise<boolean> {
  if ((await queues.fetch.getJobState(holderId)) === 'failed') return true;
  return queues.extract !== undefined && (await queues.extract.getJobState(downstreamJobId(holderId))) === 'failed';
}

export async function enqueueFetchJobs(queues: EnqueueQueues, urls: Iterable<string>, options: EnqueueOptions): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { added: 0, requeued: 0, duplicates: 0, invalid: [], rejected: [] };
  const maxUrlLength = options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH;
  const reject = (input: string, err: NewsintError) => {
    summary.invalid.push(input);
    summary.rejected.push({ input, code: err.code, message: err.message });
  };
  const seen = new Set<string>();
  const jobs: FetchAdd[] = [];
  const now = Date.now();
  const enqueuedAt = new Date(now).toISOString();
  for (const raw of urls) {
    const input = raw.trim();
    if (!input) continue;
    // Checked before parsing: canonicalizing a megabyte of text costs more than refusing it.
    if (input.length > maxUrlLength) {
      reject(input, urlTooLong(input, maxUrlLength));
      continue;
    }
    const url = canonicalizeUrl(input);
    if (!url) {
      reject(input, new NewsintError('BAD_URL', `${JSON.stringify(input.slice(0, 200))} is not an absolute http(s) URL`, { kind: 'permanent' }));
      continue;
    }
    if (url.length > maxUrlLength) {
      reject(input, urlTooLong(url, maxUrlLength));
      continue;
    }
    if (seen.has(url)) {
      summary.duplicates++;
      continue;
    }
    seen.add(url);
    const key = urlKey(url);
    const data = checkPayload(FetchJobSchema, { url, source: options.source ?? null, enqueuedAt }, 'fetch');
    // ttl makes the dedup key outlive the job: the URL is not fetched again inside the window.
    jobs.push({ name: JOB_NAMES.fetch, data, opts: { jobId: fetchJobId(key, now), deduplication: { id: key, ttl: Math.max(1, options.recrawlWindowMs) } } });
  }
  const chunk = options.chunkSize ?? ENQUEUE_CHUNK;
  for (let i = 0; i < jobs.length; i += chunk) {
    const batch = jobs.slice(i, i + chunk);
    const added = await queues.fetch.addBulk(batch);
    // A deduplicated add answers with the id of the job that holds the key.
    const held: Array<{ job: FetchAdd; holderId: string }> = [];
    added.forEach((job, j) => {
      if (job.id === batch[j]!.opts.jobId) summary.added++;
      else held.push({ job: batch[j]!, holderId: String(job.id) });
    });
    const requeue = options.requeueFailed ?? true;
    const failed = await Promise.all(held.map(async (h) => (requeue && (await holderFailed(queues, h.holderId)) ? h : null)));
    for (const h of held) if (!failed.includes(h)) summary.duplicates++;
    for (const h of failed) {
      if (!h) continue;
      // The failed job keeps its reason in `failed`; the URL gets a fresh job (new id, new window).
      await queues.fetch.removeDeduplicationKey(h.job.opts.deduplication.id);
      const again = await queues.fetch.add(h.job.name, h.job.data, h.job.opts);
      if (again.id === h.job.opts.jobId) {
        summary.added++;
        summary.requeued++;
      } else summary.duplicates++;
    }
  }
  return summary;
}

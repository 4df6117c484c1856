/**
 * Producers: article URLs into `fetch` (canonicalized, deduplicated within the re-crawl
 * window through BullMQ deduplication), feeds and sitemaps into `discover`.
 */
import type { Queue } from 'bullmq';
import { canonicalizeUrl } from '../url/canonical.js';
import { fetchJobId, urlKey } from './ids.js';
import { JOB_NAMES } from './names.js';
import { checkPayload, FetchJobSchema, type FetchJob } from './payloads.js';

export interface EnqueueSummary {
  /** Jobs added now. */
  added: number;
  /** Already queued or fetched within the re-crawl window (or repeated in this batch). */
  duplicates: number;
  /** Not an absolute http(s) URL. */
  invalid: string[];
}

export interface EnqueueOptions {
  recrawlWindowMs: number;
  source?: string | null;
  /** Batch size for addBulk round trips. */
  chunkSize?: number;
}

export const ENQUEUE_CHUNK = 200;

export async function enqueueFetchJobs(queue: Queue, urls: Iterable<string>, options: EnqueueOptions): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { added: 0, duplicates: 0, invalid: [] };
  const seen = new Set<string>();
  const jobs: Array<{ name: string; data: FetchJob; opts: { jobId: string; deduplication: { id: string; ttl: number } } }> = [];
  const now = Date.now();
  const enqueuedAt = new Date(now).toISOString();
  for (const raw of urls) {
    const input = raw.trim();
    if (!input) continue;
    const url = canonicalizeUrl(input);
    if (!url) {
      summary.invalid.push(input);
      continue;
    }
    if (seen.has(url)) {
      summary.duplicates++;
      continue;
    }
    seen.add(url);
    const key = urlKey(url);
    const data = checkPayload(FetchJobSchema, { url, source: options.source ?? null, enqueuedAt }, 'fetch');
    jobs.push({
      name: JOB_NAMES.fetch,
      data,
      // ttl makes the dedup key outlive the job: the URL is not fetched again inside the window.
      opts: { jobId: fetchJobId(key, now), deduplication: { id: key, ttl: Math.max(1, options.recrawlWindowMs) } },
    });
  }
  const chunk = options.chunkSize ?? ENQUEUE_CHUNK;
  for (let i = 0; i < jobs.length; i += chunk) {
    const batch = jobs.slice(i, i + chunk);
    const added = await queue.addBulk(batch);
    // A deduplicated add answers with the id of the job that holds the key.
    added.forEach((job, j) => (job.id === batch[j]?.opts.jobId ? summary.added++ : summary.duplicates++));
  }
  return summary;
}

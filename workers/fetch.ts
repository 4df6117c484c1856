/**
 * The `fetch` queue processor: one article URL -> its HTML on the `extract` queue.
 * robots.txt and per-host politeness first; a conditional GET with the remembered
 * validators; a 304 ends the job without extraction.
 */
import type { Job } from 'bullmq';
import { detectCharset } from '../src/fetch/charset.js';
import { detectInputType } from '../src/input-type.js';
import { NewsintError } from '../src/errors.js';
import { urlTooLong } from '../src/queue/enqueue.js';
import { downstreamJobId } from '../src/queue/ids.js';
import { gzipPage } from '../src/queue/page-gzip.js';
import { JOB_NAMES } from '../src/queue/names.js';
import { checkPayload, ExtractJobSchema, FetchJobSchema } from '../src/queue/payloads.js';
import { toWorkerError, withDeadline } from '../src/queue/retry.js';
import type { WorkerContext } from './context.js';
import { politely } from './gate.js';

export interface FetchOutcome {
  status: number;
  notModified: boolean;
  finalUrl: string;
  bytes: number;
  /** Time of the request itself (robots.txt and politeness waits not included), for metrics. */
  ms: number;
}

export function createFetchProcessor(ctx: WorkerContext) {
  return async function processFetch(job: Job, token?: string): Promise<FetchOutcome> {
    try {
      const data = checkPayload(FetchJobSchema, job.data, 'fetch');
      // Before any download: a job that cannot go on must not cost the site a request.
      if (data.url.length > ctx.config.maxUrlLength) throw urlTooLong(data.url, ctx.config.maxUrlLength);
      const extractId = downstreamJobId(job.id);
      return await withDeadline(ctx.config.jobDeadlineMs, `fetching ${data.url}`, (signal) =>
        politely(ctx, job, token, data.url, signal, async () => {
          const previous = await ctx.validators.get(data.url);
          const started = performance.now();
          const res = await ctx.fetcher.fetch({ url: data.url, accept: 'article', etag: previous?.etag, lastModified: previous?.lastModified, signal });
          const outcome = { status: res.status, notModified: res.notModified, finalUrl: res.finalUrl, bytes: res.body.length, ms: Math.round(performance.now() - started) };
          if (res.notModified) return outcome;
          // The page goes on as served, with its charset: the extraction thread decodes it, so the
          // main thread never holds it as text (nor as a second copy in UTF-8).
          const htmlBytes = res.body.length;
          if (htmlBytes > ctx.config.maxExtractBytes) {
            throw new NewsintError('TOO_LARGE', `${data.url} is ${htmlBytes} bytes of HTML, over NEWSINT_MAX_EXTRACT_BYTES (${ctx.config.maxExtractBytes})`, { kind: 'permanent', url: data.url });
          }
          // Empty or binary bodies hold no article: a permanent failure here, not an empty record later.
          const inputType = detectInputType(res.body, { contentType: res.contentType, name: new URL(res.finalUrl).pathname, label: data.url });
          const charset = detectCharset(res.body, res.contentType);
          const extract = checkPayload(
            ExtractJobSchema,
            { url: data.url, finalUrl: res.finalUrl, fetchedAt: res.fetchedAt, htmlGzip: await gzipPage(res.body), htmlBytes, charset, inputType, source: data.source },
            'extract',
          );
          // Same id as this job: a fetch that runs twice (stalled, retried) queues one extraction.
          await ctx.queues.extract.add(JOB_NAMES.extract, extract, { jobId: extractId });
          // Validators only after the page is safely queued, or a crash here would 304 it forever.
          await ctx.validators.set(data.url, { etag: res.etag, lastModified: res.lastModified });
          return outcome;
        }),
      );
    } catch (err) {
      throw toWorkerError(err);
    }
  };
}

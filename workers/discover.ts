/**
 * The `discover` queue processor: a feed or sitemap -> article URLs on `fetch`
 * (canonical, deduplicated in the re-crawl window); a sitemap index -> one discover job
 * per child sitemap; a schedule with several seeds -> one discover job per seed.
 */
import type { Job } from 'bullmq';
import { parseDiscovery } from '../src/discover/index.js';
import { enqueueFetchJobs } from '../src/queue/enqueue.js';
import { childJobId } from '../src/queue/ids.js';
import { JOB_NAMES } from '../src/queue/names.js';
import { checkPayload, DiscoverJobSchema, type DiscoverJob } from '../src/queue/payloads.js';
import { toWorkerError, withDeadline } from '../src/queue/retry.js';
import type { WorkerContext } from './context.js';
import { politely } from './gate.js';

/** Sitemap indexes nest rarely; a deeper chain is a loop or a trap. */
export const MAX_SITEMAP_DEPTH = 3;
/** Child sitemaps followed per index (the sitemaps.org limit is 50,000; real indexes are small). */
export const MAX_CHILD_SITEMAPS = 1_000;

export interface DiscoverOutcome {
  kind: string;
  articles: number;
  added: number;
  duplicates: number;
  childJobs: number;
}

async function fanOut(ctx: WorkerContext, job: Job, children: DiscoverJob[]): Promise<number> {
  const jobs = children.map((data, i) => ({
    name: JOB_NAMES.discover,
    data: checkPayload(DiscoverJobSchema, data, 'discover'),
    // Derived from the parent id: a parent that runs twice adds no second set of children.
    opts: { jobId: childJobId(String(job.id), i) },
  }));
  await ctx.queues.discover.addBulk(jobs);
  return jobs.length;
}

export function createDiscoverProcessor(ctx: WorkerContext) {
  return async function processDiscover(job: Job, token?: string): Promise<DiscoverOutcome> {
    try {
      const data = checkPayload(DiscoverJobSchema, job.data, 'discover');
      if (data.seeds.length > 1) {
        const childJobs = await fanOut(ctx, job, data.seeds.map((seed) => ({ source: data.source, seeds: [seed], depth: data.depth })));
        return { kind: 'seeds', articles: 0, added: 0, duplicates: 0, childJobs };
      }
      const seed = data.seeds[0]!;
      return await withDeadline(ctx.config.jobDeadlineMs, `discovering ${seed.url}`, (signal) =>
        politely(ctx, job, token, seed.url, signal, async () => {
          const res = await ctx.fetcher.fetch({ url: seed.url, accept: 'feed', signal });
          const found = parseDiscovery(res.text, res.finalUrl);
          let childJobs = 0;
          if (found.sitemaps.length > 0 && data.depth < MAX_SITEMAP_DEPTH) {
            const children = found.sitemaps.slice(0, MAX_CHILD_SITEMAPS).map((url) => ({
              source: data.source,
              seeds: [{ url, kind: 'sitemap' as const }],
              depth: data.depth + 1,
            }));
            childJobs = await fanOut(ctx, job, children);
          }
          const summary = await enqueueFetchJobs(ctx.queues.fetch, found.articles, {
            recrawlWindowMs: ctx.config.recrawlWindowMs,
            source: data.source,
          });
          return { kind: found.kind, articles: found.articles.length, added: summary.added, duplicates: summary.duplicates, childJobs };
        }),
      );
    } catch (err) {
      throw toWorkerError(err);
    }
  };
}

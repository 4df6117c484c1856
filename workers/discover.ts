/**
 * The `discover` queue processor: a feed or sitemap -> article URLs on `fetch`
 * (canonical, deduplicated in the re-crawl window); a sitemap index -> one discover job
 * per child sitemap; a schedule with several seeds -> one discover job per seed.
 * Every seed is one crawl with bounded depth (NEWSINT_SITEMAP_DEPTH) and budgets shared by
 * all levels (NEWSINT_DISCOVER_FANOUT child sitemaps, NEWSINT_DISCOVER_MAX_URLS URLs).
 */
import type { Job } from 'bullmq';
import { parseDiscovery } from '../src/discover/index.js';
import { NewsintError } from '../src/errors.js';
import { enqueueFetchJobs } from '../src/queue/enqueue.js';
import { childJobId } from '../src/queue/ids.js';
import { markScheduleRun } from '../src/queue/schedule.js';
import { JOB_NAMES } from '../src/queue/names.js';
import { checkPayload, DiscoverJobSchema, type DiscoverJob } from '../src/queue/payloads.js';
import { toWorkerError, withDeadline } from '../src/queue/retry.js';
import type { WorkerContext } from './context.js';
import { politely } from './gate.js';

export interface DiscoverOutcome {
  kind: string;
  articles: number;
  added: number;
  duplicates: number;
  childJobs: number;
  /** What a limit left out, each with the limit's name; empty when nothing was. */
  skipped: string[];
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
  const { config } = ctx;
  return async function processDiscover(job: Job, token?: string): Promise<DiscoverOutcome> {
    try {
      const data = checkPayload(DiscoverJobSchema, job.data, 'discover');
      if (data.seeds.length > config.maxSeeds) {
        throw new NewsintError('BAD_INPUT', `discover job has ${data.seeds.length} seeds, over NEWSINT_MAX_SEEDS (${config.maxSeeds}); split the schedule`, { kind: 'permanent' });
      }
      // A scheduler's own job (not a child): what `status` and the dashboard show as the last run.
      if (job.repeatJobKey && data.source) await markScheduleRun(ctx.queues.discover, data.source);
      if (data.seeds.length > 1) {
        const childJobs = await fanOut(ctx, job, data.seeds.map((seed) => ({ source: data.source, seeds: [seed], depth: data.depth })));
        return { kind: 'seeds', articles: 0, added: 0, duplicates: 0, childJobs, skipped: [] };
      }
      const seed = data.seeds[0]!;
      if (seed.url.length > config.maxUrlLength) throw new NewsintError('BAD_URL', `seed URL of ${seed.url.length} characters is longer than NEWSINT_MAX_URL_LENGTH (${config.maxUrlLength})`, { kind: 'permanent' });
      // The first job of a seed opens the crawl; its children carry the id along.
      const crawl = data.crawl ?? String(job.id);
      return await withDeadline(config.jobDeadlineMs, `discovering ${seed.url}`, (signal) =>
        politely(ctx, job, token, seed.url, signal, async () => {
          const res = await ctx.fetcher.fetch({ url: seed.url, accept: 'feed', signal });
          const found = parseDiscovery(res.text, res.finalUrl);
          const skipped: string[] = [];
          let childJobs = 0;
          if (found.sitemaps.length > 0) {
            if (data.depth >= config.sitemapDepth) {
              skipped.push(`${found.sitemaps.length} child sitemap(s) below NEWSINT_SITEMAP_DEPTH (${config.sitemapDepth})`);
            } else {
              const granted = await ctx.budget.take(crawl, 'sitemaps', found.sitemaps.length, config.discoverFanout);
              if (granted < found.sitemaps.length) skipped.push(`${found.sitemaps.length - granted} child sitemap(s) over NEWSINT_DISCOVER_FANOUT (${config.discoverFanout}) for this crawl`);
              const children = found.sitemaps.slice(0, granted).map((url) => ({ source: data.source, seeds: [{ url, kind: 'sitemap' as const }], depth: data.depth + 1, crawl }));
              childJobs = await fanOut(ctx, job, children);
            }
          }
          const grantedUrls = await ctx.budget.take(crawl, 'urls', found.articles.length, config.discoverMaxUrls);
          if (grantedUrls < found.articles.length) skipped.push(`${found.articles.length - grantedUrls} article URL(s) over NEWSINT_DISCOVER_MAX_URLS (${config.discoverMaxUrls}) for this crawl`);
          const summary = await enqueueFetchJobs(ctx.queues, found.articles.slice(0, grantedUrls), {
            recrawlWindowMs: config.recrawlWindowMs,
            maxUrlLength: config.maxUrlLength,
            source: data.source,
            requeueFailed: false,
          });
          if (summary.invalid.length > 0) skipped.push(`${summary.invalid.length} invalid or over-long URL(s)`);
          if (skipped.length > 0) ctx.log(`discover ${seed.url}: limit reached: ${skipped.join('; ')}`);
          return { kind: found.kind, articles: found.articles.length, added: summary.added, duplicates: summary.duplicates, childJobs, skipped };
        }),
      );
    } catch (err) {
      throw toWorkerError(err);
    }
  };
}

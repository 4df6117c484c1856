/**
 * Prometheus metrics of a running worker: scraped while pages go through and after, the
 * counters match what the test sent (pages, failures by code, records), the histograms saw
 * every page, and queue gauges and process metrics are there. Extraction runs in child
 * processes; the counts must still reach the parent's /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, startWorkerProcess, stopOrKill, testEnv, uniquePrefix, waitFor, waitReady, type WorkerProcess } from '../pipeline/harness.js';
import { story } from './pages.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

const PAGES = 20;
const MISSING = 3;
const SLOW_MS = 150;

/** Sum of a metric's samples whose labels include `labels` (`name{a="b"} 3`). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

describe('worker /metrics', () => {
  const prefix = uniquePrefix('metrics');
  let server: TestServer;
  let redis: TestRedis;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    assertBuilt();
    redis = await startRedis();
    server = await startServer({});
    for (let i = 0; i < PAGES; i++) {
      server.route(`/advisory/${i}`, (_req, res) => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(story(i));
        }, SLOW_MS);
      });
    }
  });
  afterAll(async () => {
    if (worker) await stopOrKill(worker);
    await server?.close();
    await redis?.stop();
  });

  it('counters match the pages sent, during the run and after it', { timeout: 120_000 }, async () => {
    worker = startWorkerProcess(
      testEnv(prefix, { REDIS_URL: redis.url, NEWSINT_METRICS_PORT: '0', NEWSINT_LOG_FORMAT: 'json', NEWSINT_QUEUES: 'fetch,extract', NEWSINT_FETCH_CONCURRENCY: '2' }),
    );
    await waitReady(worker);
    await waitFor(() => /metrics on (http:\/\/\S+\/metrics)/.test(worker!.stderr()), 10_000, () => worker!.stderr());
    const endpoint = /metrics on (http:\/\/\S+\/metrics)/.exec(worker.stderr())![1]!;
    const scrape = async () => {
      const res = await fetch(endpoint);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      return res.text();
    };

    const before = await scrape();
    expect(sample(before, 'newsint_pages_fetched_total')).toBe(0);
    const host = new URL(server.url('/')).host;
    const urls = Array.from({ length: PAGES }, (_, i) => server.url(`/advisory/${i}`));
    const missing = Array.from({ length: MISSING }, (_, i) => server.url(`/gone/${i}`));
    expect((await enqueueUrls([...urls, ...missing], { redisUrl: redis.url, prefix })).added).toBe(PAGES + MISSING);

    // Mid-run: some pages are through, not all; counts never exceed what was sent.
    await waitFor(async () => sample(await scrape(), 'newsint_pages_extracted_total') >= 3, 60_000, () => worker!.stderr());
    const mid = await scrape();
    expect(sample(mid, 'newsint_pages_fetched_total', { host, status: '200' })).toBeLessThanOrEqual(PAGES);
    expect(sample(mid, 'newsint_queue_jobs', { queue: 'fetch' }) + sample(mid, 'newsint_pages_fetched_total')).toBeGreaterThan(0);

    await waitFor(
      async () => {
        const t = await scrape();
        return sample(t, 'newsint_pages_extracted_total') === PAGES && sample(t, 'newsint_pages_failed_total') === MISSING;
      },
      60_000,
      () => worker!.stderr(),
    );
    const after = await scrape();
    expect(sample(after, 'newsint_pages_fetched_total', { host, status: '200' })).toBe(PAGES);
    expect(sample(after, 'newsint_pages_extracted_total')).toBe(PAGES);
    expect(sample(after, 'newsint_records_published_total')).toBe(PAGES);
    expect(sample(after, 'newsint_pages_failed_total', { queue: 'fetch', code: 'HTTP_NOT_FOUND', host })).toBe(MISSING);
    expect(sample(after, 'newsint_fetch_duration_seconds_count')).toBe(PAGES);
    expect(sample(after, 'newsint_extract_duration_seconds_count')).toBe(PAGES);
    // Each page waited SLOW_MS on the server: the histogram's sum says so.
    expect(sample(after, 'newsint_fetch_duration_seconds_sum')).toBeGreaterThanOrEqual((PAGES * SLOW_MS) / 1000 - 0.1);
    const bytes = urls.reduce((n, _u, i) => n + Buffer.byteLength(story(i)), 0);
    expect(sample(after, 'newsint_fetched_bytes_total', { host })).toBe(bytes);
    expect(sample(after, 'newsint_queue_jobs', { queue: 'fetch', state: 'failed' })).toBe(MISSING);
    expect(sample(after, 'newsint_queue_jobs', { queue: 'results', state: 'waiting' })).toBe(PAGES);
    expect(after).toMatch(/^newsint_queue_oldest_waiting_seconds\{queue="results"\} [0-9.]+$/m);
    expect(sample(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(after).toContain('# TYPE newsint_pages_fetched_total counter');
    expect(after).toContain('# TYPE newsint_fetch_duration_seconds histogram');
    expect(await stopOrKill(worker)).toBe(0);
  });
});

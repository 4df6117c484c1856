/**
 * Crawler manners shared through Redis: per-host slots and spacing, robots.txt fetched
 * once for all workers and cached with a TTL, and ETag validators turning a re-crawl into
 * a 304 that skips extraction.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { urlKey } from '../../src/queue/ids.js';
import { canonicalizeUrl } from '../../src/url/canonical.js';
import { createFetcher } from '../../src/fetch/index.js';
import { createPoliteness } from '../../src/fetch/politeness.js';
import { createRobotsGate } from '../../src/fetch/robots.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, cleanup, openQueue, PATIENCE_MS, readResults, samplePages, startWorkerProcess, stopWorker, testEnv, testRedis, uniquePrefix, waitFor, waitReady } from './harness.js';

describe('politeness (shared through Redis)', () => {
  const prefix = uniquePrefix('polite');
  let redis: Redis;
  beforeAll(() => void (redis = testRedis()));
  afterAll(async () => {
    await cleanup(prefix);
    redis.disconnect();
  });

  it('caps requests in flight per host and spaces them by the minimum delay', async () => {
    const tagged = `{${prefix}}`;
    const full = createPoliteness({ redis, prefix: tagged, maxInFlight: 2, minDelayMs: 0, leaseMs: 10_000 });
    const a = await full.acquire('https://a.example/1', 'j1');
    const b = await full.acquire('https://a.example/2', 'j2');
    const c = await full.acquire('https://a.example/3', 'j3');
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, false]);
    expect(c.ok ? Number.NaN : c.waitMs).toBeGreaterThan(0);
    expect((await full.acquire('https://other.example/1', 'j4')).ok).toBe(true); // other hosts are not held up
    if (a.ok) await a.release();
    expect((await full.acquire('https://a.example/3', 'j3')).ok).toBe(true);

    const spaced = createPoliteness({ redis, prefix: tagged, maxInFlight: 5, minDelayMs: 5_000, leaseMs: 10_000 });
    const before = Date.now();
    const first = await spaced.acquire('https://b.example/1', 'k1');
    expect(first.ok).toBe(true);
    const second = await spaced.acquire('https://b.example/2', 'k2');
    const elapsed = Date.now() - before;
    // The wait left is the delay minus the time gone by between the two calls, however slow.
    expect(second).toMatchObject({ ok: false });
    const waitMs = second.ok ? Number.NaN : second.waitMs;
    expect(waitMs).toBeLessThanOrEqual(5_000);
    expect(waitMs).toBeGreaterThanOrEqual(5_000 - elapsed - 5);
  });
});

describe('robots.txt', () => {
  const prefix = uniquePrefix('robots');
  let server: TestServer;
  let redis: Redis;
  beforeAll(async () => {
    redis = testRedis();
    server = await startServer({ '/robots.txt': send('User-agent: *\nDisallow: /private/\n\nUser-agent: newsint\nDisallow: /drafts/\nCrawl-delay: 2\n', 'text/plain') });
  });
  afterAll(async () => {
    await server.close();
    await cleanup(prefix);
    redis.disconnect();
  });

  it('is fetched once for many checks from several workers, cached with a TTL, and obeyed', async () => {
    const fetcher = createFetcher({ allowNets: ['127.0.0.1/32'] });
    const gates = [0, 1, 2].map(() => createRobotsGate({ redis, prefix: `{${prefix}}`, fetcher, ttlMs: 60_000 }));
    try {
      const verdicts = await Promise.all(
        ['/news/1', '/drafts/2', '/private/3', '/news/4', '/drafts/5', '/news/6'].map((p, i) => gates[i % 3]!.check(server.url(p))),
      );
      // Our own group applies (newsint), not the * group: /drafts/ closed, /private/ open to us.
      expect(verdicts.map((v) => v.allowed)).toEqual([true, false, true, true, false, true]);
      expect(verdicts[0]!.crawlDelayMs).toBe(2000);
      expect(server.hits.get('/robots.txt')).toBe(1);
      const ttl = await redis.pttl(`{${prefix}}:robots:${server.origin}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await fetcher.close();
    }
  });
});

describe('robots.txt Crawl-delay is capped and told', () => {
  const prefix = uniquePrefix('delay');
  let redis: Redis;
  let server: TestServer;
  beforeAll(async () => {
    redis = testRedis();
    server = await startServer({ '/robots.txt': send('User-agent: *\nCrawl-delay: 86400\n', 'text/plain') });
  });
  afterAll(async () => {
    await server.close();
    await cleanup(prefix);
    redis.disconnect();
  });

  it('a day-long delay is honoured only up to the cap, and said once per download', async () => {
    const fetcher = createFetcher({ allowNets: ['127.0.0.1/32'] });
    const told: Array<[string, number, number]> = [];
    const gate = createRobotsGate({ redis, prefix: `{${prefix}}`, fetcher, ttlMs: 60_000, maxCrawlDelayMs: 60_000, onCrawlDelay: (...args) => void told.push(args) });
    try {
      const verdicts = await Promise.all([gate.check(server.url('/a')), gate.check(server.url('/b'))]);
      expect(verdicts.map((v) => v.crawlDelayMs)).toEqual([60_000, 60_000]);
      expect(await gate.check(server.url('/c'))).toEqual({ allowed: true, crawlDelayMs: 60_000 });
      expect(told).toEqual([[server.origin, 86_400, 60_000]]);
    } finally {
      await fetcher.close();
    }
  });
});

describe('re-crawl with validators and host spacing, through a worker process', () => {
  const prefix = uniquePrefix('etag');
  let server: TestServer;
  let redis: Redis;
  const times: number[] = [];
  const seenIfNoneMatch: Array<string | undefined> = [];
  const page = [...samplePages().values()][1]!;

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({});
    server.route('/etag-article', (req, res) => {
      seenIfNoneMatch.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' });
      res.end(page);
    });
    for (let i = 0; i < 4; i++) {
      server.route(`/spaced/${i}`, (req, res) => {
        times.push(Date.now());
        send(`<html><head><title>Spaced ${i}</title></head><body><article><p>Paragraph about spacing number ${i} and the crawler that waited.</p></article></body></html>`)(req, res);
      });
    }
  });
  afterAll(async () => {
    await server.close();
    await cleanup(prefix);
    redis.disconnect();
  });

  it('a 304 on re-crawl skips extraction; one host is not hit faster than the minimum delay', async () => {
    const worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'fetch,extract', NEWSINT_HOST_DELAY: '300ms', NEWSINT_HOST_CONCURRENCY: '1' }));
    try {
      await waitReady(worker);
      const fetchQueue = openQueue(prefix, 'fetch', redis);
      const results = openQueue(prefix, 'results', redis);
      const url = server.url('/etag-article');

      // A window far longer than any test run; its end is then brought forward in Redis, the
      // way time would, so no step races a real clock however slow the machine is.
      const window = { prefix, recrawlWindowMs: 3_600_000 };
      expect((await enqueueUrls([url], window)).added).toBe(1);
      await waitFor(async () => (await readResults(results)).length === 1, PATIENCE_MS, () => worker.stderr());
      // Inside the window the URL is a duplicate, even once its job is done.
      expect(await enqueueUrls([url], window)).toMatchObject({ added: 0, duplicates: 1 });
      const dedupKey = `{${prefix}}:fetch:de:${urlKey(canonicalizeUrl(url)!)}`;
      expect(await redis.pttl(dedupKey)).toBeGreaterThan(3_000_000);
      await redis.pexpire(dedupKey, 1);
      await waitFor(async () => (await redis.exists(dedupKey)) === 0, PATIENCE_MS);
      // After the window it is fetched again, conditionally, and the 304 ends the job.
      expect((await enqueueUrls([url], window)).added).toBe(1);
      await waitFor(async () => (await fetchQueue.getJobs(['completed'])).length === 2, PATIENCE_MS, () => worker.stderr());
      const done = await fetchQueue.getJobs(['completed']);
      expect(done.map((j) => j.returnvalue.notModified).sort()).toEqual([false, true]);
      expect(seenIfNoneMatch).toEqual([undefined, '"v1"']);
      expect(await openQueue(prefix, 'extract', redis).getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 1, waiting: 0, active: 0 });

      // Four pages of one host with a 300 ms minimum delay: waits go through BullMQ's delayed set.
      await enqueueUrls([0, 1, 2, 3].map((i) => server.url(`/spaced/${i}`)), { prefix });
      await waitFor(() => times.length === 4, PATIENCE_MS, () => worker.stderr());
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // The worker spaces the moments it starts requests; the server sees them after a lag that
      // varies a little from request to request (more on a loaded machine), hence the 50 ms of
      // tolerance per gap. Over the three gaps the lags mostly cancel out.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
      expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(3 * 300 - 50);
    } finally {
      expect(await stopWorker(worker)).toBe(0);
    }
  });
});

describe('a 429 pauses the host for every worker', () => {
  const prefix = uniquePrefix('pause');
  let redis: Redis;
  beforeAll(() => void (redis = testRedis()));
  afterAll(async () => {
    await cleanup(prefix);
    redis.disconnect();
  });

  it('no slot is granted on that host until the pause is over; other hosts go on', async () => {
    const polite = createPoliteness({ redis, prefix: `{${prefix}}`, maxInFlight: 10, minDelayMs: 0, leaseMs: 10_000 });
    const before = Date.now();
    await polite.pause('https://busy.example/a', 3_000);
    await polite.pause('https://busy.example/a', 100); // a shorter pause never shortens a longer one
    const denied = await polite.acquire('https://busy.example/b', 'x1');
    const elapsed = Date.now() - before;
    expect(denied).toMatchObject({ ok: false });
    // What is left of the 3 s pause, however slowly the three calls ran (the 100 ms one did not win).
    expect(denied.ok ? Number.NaN : denied.waitMs).toBeGreaterThanOrEqual(3_000 - elapsed - 5);
    expect((await polite.acquire('https://calm.example/b', 'x2')).ok).toBe(true);
  });
});

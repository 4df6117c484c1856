/**
 * Hostile sites and oversized input meet named limits with clear, bounded failures: a
 * sitemap index whose children are indexes stops at the crawl's fan-out budget, pages and
 * records over their byte caps fail as TOO_LARGE without keeping the page in Redis, long
 * URLs are refused before any request, and an absurd Crawl-delay is capped and logged.
 */
import { gzipSync } from 'node:zlib';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls, scheduleSource } from '../../src/api.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, cleanup, openQueue, PATIENCE_MS, readResults, samplePages, startWorkerProcess, stopWorker, testEnv, testRedis, type WorkerProcess, uniquePrefix, waitFor, waitReady } from './harness.js';

const FANOUT = 25;

/** /idx/N.xml: a sitemap index of ten more indexes, without end. */
function endlessIndex(server: TestServer) {
  return (req: { url?: string }, res: Parameters<ReturnType<typeof send>>[1]) => {
    const n = Number(/\/idx\/(\d+)\.xml/.exec(req.url ?? '')?.[1] ?? 0);
    const children = Array.from({ length: 10 }, (_, k) => `<sitemap><loc>${server.url(`/idx/${n * 10 + k + 1}.xml`)}</loc></sitemap>`).join('');
    send(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${children}</sitemapindex>`, 'application/xml')(req as never, res);
  };
}

describe('hostile input through a worker process', () => {
  const prefix = uniquePrefix('hostile');
  let server: TestServer;
  let slowHost: TestServer;
  let redis: Redis;
  let worker: WorkerProcess;
  let queues: Record<'discover' | 'fetch' | 'extract' | 'results', Queue>;
  const page = [...samplePages().values()][0]!.toString('utf8');
  // About 300 KB of text: a record far over the 64 KB record cap of this test.
  const wordy = `<html><head><title>Long</title></head><body><article>${'<p>CISA and the FBI said APT29 targeted energy firms in Germany on Monday.</p>'.repeat(4000)}</article></body></html>`;

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({
      '/wordy': send(wordy, 'text/html'),
      '/huge': send(`<html><body><p>${'x'.repeat(1_500_000)}</p></body></html>`, 'text/html'),
      '/ok': send(page, 'text/html'),
    });
    server.route('/idx/0.xml', endlessIndex(server));
    for (let n = 1; n <= 2000; n++) server.route(`/idx/${n}.xml`, endlessIndex(server));
    slowHost = await startServer({ '/robots.txt': send('User-agent: *\nCrawl-delay: 1e300\n', 'text/plain') });
    for (const p of ['/a', '/b']) slowHost.route(p, send(page.replace('<title>', `<title>${p} `), 'text/html'));
    worker = startWorkerProcess(
      testEnv(prefix, {
        NEWSINT_DISCOVER_FANOUT: String(FANOUT),
        NEWSINT_MAX_EXTRACT_BYTES: String(1024 * 1024),
        NEWSINT_MAX_RECORD_BYTES: String(64 * 1024),
        NEWSINT_MAX_URL_LENGTH: '300',
        NEWSINT_MAX_CRAWL_DELAY: '300ms',
        NEWSINT_MAX_SEEDS: '3',
      }),
    );
    await waitReady(worker, 60_000);
    queues = { discover: openQueue(prefix, 'discover', redis), fetch: openQueue(prefix, 'fetch', redis), extract: openQueue(prefix, 'extract', redis), results: openQueue(prefix, 'results', redis) };
  }, 90_000);
  afterAll(async () => {
    if (worker) expect(await stopWorker(worker)).toBe(0);
    await server?.close();
    await slowHost?.close();
    await cleanup(prefix);
    redis?.disconnect();
  });

  const settled = async (q: Queue) => {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).every((n) => n === 0);
  };

  it('a sitemap index of indexes stops at the fan-out budget of its crawl, with a log line', async () => {
    await queues.discover.add('discover', { source: null, seeds: [{ url: server.url('/idx/0.xml'), kind: 'sitemap' }], depth: 0 }, { jobId: 'endless' });
    // Done when the queue has been idle a while (children are added by running jobs).
    let idleSince = 0;
    await waitFor(async () => {
      if (!(await settled(queues.discover))) idleSince = 0;
      else idleSince ||= Date.now();
      return idleSince > 0 && Date.now() - idleSince > 1_500;
    }, 90_000, () => worker.stderr());
    const all = await queues.discover.getJobs(['completed', 'failed']);
    // The seed plus at most FANOUT child sitemaps (1 + 10 + 100 without the budget at depth 2).
    expect(all.length).toBe(1 + FANOUT);
    const sitemapHits = [...server.hits].filter(([p]) => p.startsWith('/idx/')).reduce((a, [, n]) => a + n, 0);
    expect(sitemapHits).toBe(1 + FANOUT);
    expect(worker.stderr()).toMatch(/limit reached: \d+ child sitemap\(s\) over NEWSINT_DISCOVER_FANOUT \(25\) for this crawl/);
  });

  it('too many seeds are refused when scheduled and when a foreign job carries them', async () => {
    const feeds = ['/f1', '/f2', '/f3', '/f4'].map((p) => server.url(p));
    await expect(scheduleSource({ name: 'wide', feeds, everyMs: 60_000 }, { prefix, maxSeeds: 3 })).rejects.toThrow(/^4 feeds and sitemaps in one schedule, over NEWSINT_MAX_SEEDS \(3\)/);
    await queues.discover.add('discover', { source: null, seeds: feeds.map((url) => ({ url, kind: 'feed' })), depth: 0 }, { jobId: 'wide' });
    await waitFor(async () => (await queues.discover.getJobState('wide')) === 'failed', PATIENCE_MS, () => worker.stderr());
    expect(((await queues.discover.getJob('wide')) as Job).failedReason).toMatch(/^BAD_INPUT: discover job has 4 seeds, over NEWSINT_MAX_SEEDS \(3\)/);
  });

  it('pages and records over their caps fail as TOO_LARGE; a failed extract job keeps no page', async () => {
    const long = server.url('/ok?q=' + 'a'.repeat(400));
    const summary = await enqueueUrls([server.url('/wordy'), server.url('/huge'), long], { prefix, maxUrlLength: 300 });
    expect(summary.added).toBe(2);
    expect(summary.rejected).toEqual([{ input: long, code: 'BAD_URL', message: expect.stringMatching(/^URL of \d+ characters .* is longer than NEWSINT_MAX_URL_LENGTH \(300\)$/) }]);
    // A 2 MB page written straight onto the extract queue by another producer.
    const injected = `<html><body><article><p>${'APT29 and CISA. '.repeat(140_000)}</p></article></body></html>`;
    await queues.extract.add('extract', { url: server.url('/injected'), finalUrl: server.url('/injected'), fetchedAt: new Date().toISOString(), html: injected, source: null }, { jobId: 'injected' });
    // A gzipped page that lies about its size: it would inflate to 8 MB.
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a')).toString('base64');
    await queues.extract.add('extract', { url: server.url('/bomb'), finalUrl: server.url('/bomb'), fetchedAt: new Date().toISOString(), htmlGzip: bomb, htmlBytes: 900, source: null }, { jobId: 'bomb' });
    // And a fetch job with a URL over the limit: refused before any request.
    await queues.fetch.add('fetch', { url: long, source: null }, { jobId: 'long-url' });

    await waitFor(async () => (await queues.fetch.getJobCounts('failed')).failed === 2 && (await queues.extract.getJobCounts('failed')).failed === 3, PATIENCE_MS, () => worker.stderr());
    const reason = async (q: Queue, id: string) => ((await q.getJob(id)) as Job).failedReason;
    const fetchFailed = await queues.fetch.getJobs(['failed']);
    const huge = fetchFailed.find((j) => j.data.url === server.url('/huge'))!;
    expect(huge.failedReason).toMatch(/^TOO_LARGE: .*\/huge is \d+ bytes of HTML, over NEWSINT_MAX_EXTRACT_BYTES \(1048576\)/);
    expect(await reason(queues.fetch, 'long-url')).toMatch(/^BAD_URL: URL of \d+ characters .* longer than NEWSINT_MAX_URL_LENGTH \(300\)/);
    expect(server.hits.get('/ok') ?? 0).toBe(0);
    expect(await reason(queues.extract, 'injected')).toMatch(/^TOO_LARGE: the page of .*\/injected is 2\.\d MB \(\d+ bytes\), over NEWSINT_MAX_EXTRACT_BYTES \(1048576 bytes\)/);
    expect(await reason(queues.extract, 'bomb')).toMatch(/^TOO_LARGE: .*\/bomb inflates to more than NEWSINT_MAX_EXTRACT_BYTES \(1048576 bytes\)/);
    expect(((await queues.extract.getJob('bomb')) as Job).attemptsMade).toBe(1);
    const wordyJob = (await queues.extract.getJobs(['failed'])).find((j) => j.id !== 'injected' && j.id !== 'bomb')!;
    expect(wordyJob.failedReason).toMatch(/^TOO_LARGE: the record of .*\/wordy is \d\.\d MB \(\d+ bytes\), over NEWSINT_MAX_RECORD_BYTES \(65536 bytes\)/);
    expect(wordyJob.attemptsMade).toBe(1);
    // Failed extract jobs keep where the page came from and its size, not the page.
    expect(wordyJob.data.htmlBytes).toBe(Buffer.byteLength(wordy));
    for (const id of ['injected', 'bomb', wordyJob.id!]) {
      const stored = await redis.hget(`{${prefix}}:extract:${id}`, 'data');
      expect(stored!.length, id).toBeLessThan(1_024);
      expect(JSON.parse(stored!)).toMatchObject({ htmlDropped: true, htmlBytes: expect.any(Number) });
    }
    expect(await readResults(queues.results)).toEqual([]);
  });

  it('caps an absurd Crawl-delay and says so once, and the host is still crawled', async () => {
    await enqueueUrls([slowHost.url('/a'), slowHost.url('/b')], { prefix });
    await waitFor(async () => (await readResults(queues.results)).length === 2, PATIENCE_MS, () => worker.stderr());
    expect((await queues.fetch.getJobs(['failed'])).filter((j) => j.data.url.startsWith(slowHost.origin))).toEqual([]);
    const lines = worker.stderr().split('\n').filter((l) => l.includes(`robots.txt of ${slowHost.origin}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/asks Crawl-delay 1e\+300 s; using 0\.3 s \(NEWSINT_MAX_CRAWL_DELAY\)/);
  });
});

/**
 * Each failure case ends as the rules say: transient ones (500, 429 with Retry-After, a
 * slow response) are retried and then done; permanent ones (404, robots.txt disallow,
 * not HTML, too large, a redirect to a private address) fail at once with a readable reason.
 */
import { spawnSync } from 'node:child_process';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { send, startServer, type Handler, type TestServer } from '../helpers/http-server.js';
import { extractArticle } from '../../src/extract-article.js';
import { decodeHtml } from '../../src/fetch/charset.js';
import { assertBuilt, cleanup, CLI, openQueue, PATIENCE_MS, readResults, ROOT, samplePages, startWorkerProcess, stopWorker, testEnv, testRedis, type WorkerProcess, uniquePrefix, waitFor, waitIdle, waitReady } from './harness.js';

/** Answers with `first` the first time, then with `then`. */
function onceThen(first: Handler, then: Handler): Handler {
  let calls = 0;
  return (req, res) => (calls++ === 0 ? first(req, res) : then(req, res));
}

describe('failure cases through a worker process', () => {
  const prefix = uniquePrefix('fail');
  let server: TestServer;
  let redis: Redis;
  let worker: WorkerProcess;
  let fetchQueue: Queue;
  const hitTimes = new Map<string, number[]>();
  const page = [...samplePages().values()][0]!;

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    const ok = send(page, 'text/html');
    const stamp = (path: string, handler: Handler): Handler => (req, res) => {
      hitTimes.set(path, [...(hitTimes.get(path) ?? []), Date.now()]);
      return handler(req, res);
    };
    server = await startServer({
      '/robots.txt': send('User-agent: *\nDisallow: /private/\n', 'text/plain'),
      '/article': ok,
      '/moved': send('', 'text/html', 301, { location: '/article' }),
      '/gone': send('no such story', 'text/plain', 404),
      '/throttled': stamp('/throttled', onceThen(send('slow down', 'text/plain', 429, { 'retry-after': '1' }), ok)),
      '/flaky': onceThen(send('oops', 'text/plain', 500), ok),
      '/down': send('still down', 'text/plain', 503),
      '/slow': onceThen((_req, res) => void setTimeout(() => ok(_req, res), 2_500), ok),
      '/huge': send('<html><body><p>' + 'x'.repeat(2 * 1024 * 1024) + '</p></body></html>', 'text/html'),
      '/report.pdf': send(Buffer.from('%PDF-1.7\n%fake\n'), 'application/pdf'),
      '/empty': send('', 'text/html'),
      '/no-text': send('<html><body><img src="a.png"></body></html>', 'text/html'),
      '/private/secret': ok,
    });
    // Only 127.0.0.1/32 is opened: a redirect to another loopback address must be refused.
    server.route('/to-private', send('', 'text/html', 302, { location: server.origin.replace('127.0.0.1', '127.0.0.2') + '/article' }));
    worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'fetch,extract', NEWSINT_MAX_BYTES: String(1024 * 1024) }));
    await waitReady(worker);
    fetchQueue = openQueue(prefix, 'fetch', redis);
  });
  afterAll(async () => {
    if (worker) expect(await stopWorker(worker)).toBe(0);
    await server?.close();
    await cleanup(prefix);
    redis?.disconnect();
  });

  it('retries transient failures and fails permanent ones at once, with the reason', async () => {
    const paths = ['/moved', '/gone', '/throttled', '/flaky', '/down', '/slow', '/huge', '/report.pdf', '/empty', '/no-text', '/private/secret', '/to-private'];
    // Attempts are a job option: the producer sets them, as the worker processes would for discovered URLs.
    const summary = await enqueueUrls(paths.map((p) => server.url(p)), { prefix, attempts: 4 });
    expect(summary.added).toBe(paths.length);

    const byPath = async () => {
      const jobs = await fetchQueue.getJobs(['completed', 'failed']);
      return new Map(jobs.map((j: Job) => [new URL(j.data.url).pathname, j]));
    };
    await waitFor(async () => (await byPath()).size === paths.length, PATIENCE_MS, () => `not all jobs finished: ${worker.stderr()}`);
    const jobs = await byPath();
    const state = async (p: string) => ({ state: await jobs.get(p)!.getState(), attempts: jobs.get(p)!.attemptsMade, reason: jobs.get(p)!.failedReason ?? '' });

    // Retried, then done.
    for (const p of ['/moved', '/throttled', '/flaky', '/slow']) expect((await state(p)).state, p).toBe('completed');
    expect(server.hits.get('/flaky')).toBe(2);
    expect(server.hits.get('/slow')).toBe(2);
    const [first, second] = hitTimes.get('/throttled')!;
    expect(second! - first!).toBeGreaterThanOrEqual(950); // Retry-After: 1 honoured

    // Failed at once, with the reason a user can read.
    const permanent: Record<string, string> = {
      '/gone': 'HTTP_NOT_FOUND',
      '/huge': 'TOO_LARGE',
      '/report.pdf': 'NOT_HTML',
      '/empty': 'NO_ARTICLE',
      '/private/secret': 'ROBOTS_DISALLOWED',
      '/to-private': 'BLOCKED_ADDRESS',
    };
    for (const [p, code] of Object.entries(permanent)) {
      const s = await state(p);
      expect(s, p).toMatchObject({ state: 'failed', attempts: 1 });
      expect(s.reason, p).toContain(code);
    }
    expect(server.hits.get('/private/secret') ?? 0).toBe(0);
    // A page with no article text is fetched, then fails extraction at once: no empty record.
    expect((await state('/no-text')).state).toBe('completed');
    const extractQueue = openQueue(prefix, 'extract', redis);
    await waitFor(async () => (await extractQueue.getJobs(['failed'])).length >= 1, PATIENCE_MS, () => `no failed extraction: ${worker.stderr()}`);
    const failedExtractions = await extractQueue.getJobs(['failed']);
    expect(failedExtractions.map((j: Job) => [j.data.url, j.attemptsMade])).toEqual([[server.url('/no-text'), 1]]);
    expect(failedExtractions[0]!.failedReason).toMatch(/^NO_ARTICLE: the page holds no article text/);
    // Transient to the end: retried up to the attempt limit, then failed.
    expect(await state('/down')).toMatchObject({ state: 'failed', attempts: 4 });
    expect(server.hits.get('/down')).toBe(4);

    // `newsint status` shows the counts and, with --failed, each reason next to its URL.
    const status = spawnSync(process.execPath, [CLI, 'status', '--failed', '20'], { cwd: ROOT, env: { ...process.env, NEWSINT_PREFIX: prefix }, encoding: 'utf8' });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^fetch\s+0\s+0\s+0\s+7\s+5\s/m);
    expect(status.stdout).toContain(`failed fetch ${server.url('/gone')}: HTTP_NOT_FOUND`);

    // The successes became records, one per requested URL: the same page served under four
    // URLs shares its canonical link, so the four records share one id (consumers upsert by
    // id) and each names the URL it was requested as.
    const succeeded = ['/moved', '/throttled', '/flaky', '/slow'];
    const expected = new Set(succeeded.map((p) => extractArticle(decodeHtml(page, 'text/html'), { url: server.url(p) }).id));
    expect(expected.size).toBe(1);
    const results = openQueue(prefix, 'results', redis);
    await waitFor(async () => (await readResults(results)).length >= succeeded.length, PATIENCE_MS);
    await waitIdle(prefix, redis);
    const records = await readResults(results);
    expect(records.map((r) => r.url).sort()).toEqual(succeeded.map((p) => server.url(p)).sort());
    expect(new Set(records.map((r) => r.id))).toEqual(expected);
  });
});

describe('private addresses without the allow-list', () => {
  const prefix = uniquePrefix('ssrf');
  let server: TestServer;

  beforeAll(async () => {
    assertBuilt();
    server = await startServer({ '/article': send(samplePages().values().next().value!, 'text/html') });
  });
  afterAll(async () => {
    await server?.close();
    await cleanup(prefix);
  });

  it('refuses a loopback page and never connects', async () => {
    const worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'fetch', NEWSINT_ALLOW_NETS: '' }));
    const redis = testRedis();
    try {
      await waitReady(worker);
      await enqueueUrls([server.url('/article')], { prefix });
      const fetchQueue = openQueue(prefix, 'fetch', redis);
      await waitFor(async () => (await fetchQueue.getJobs(['failed'])).length === 1, PATIENCE_MS, () => worker.stderr());
      const [job] = await fetchQueue.getJobs(['failed']);
      expect(job!.attemptsMade).toBe(1);
      expect(job!.failedReason).toContain('BLOCKED_ADDRESS');
      expect(server.hits.size).toBe(0);
    } finally {
      expect(await stopWorker(worker)).toBe(0);
      redis.disconnect();
    }
  });
});

/**
 * A fetched page waits on the extract queue gzipped (a fraction of its bytes in Redis and in
 * the worker's main thread), comes back byte for byte in the extraction thread, and a gzipped
 * page that would inflate past the cap, or is not gzip at all, fails with a clear reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { inflatePage } from '../../src/queue/page-gzip.js';
import { DEV_SETS } from '../content/dev-set.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, cleanup, openQueue, PATIENCE_MS, startWorkerProcess, stopWorker, testEnv, testRedis, uniquePrefix, waitFor, waitReady, type WorkerProcess } from './harness.js';

describe('inflatePage', () => {
  it('refuses a page that inflates past the cap, and data that is not gzip, naming the page', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a')).toString('base64');
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => inflatePage(bomb, { url: 'https://news.example/bomb', maxBytes: 1024 * 1024 })).toThrow(/^https:\/\/news\.example\/bomb inflates to more than NEWSINT_MAX_EXTRACT_BYTES \(1048576 bytes\)$/);
    expect(() => inflatePage(Buffer.from('<html>plain</html>').toString('base64'), { url: 'https://news.example/plain' })).toThrow(/^the htmlGzip of https:\/\/news\.example\/plain is not gzip data in base64 \(.+\); fix the job's producer$/);
    expect(inflatePage(gzipSync('<p>Ünïcode — ok</p>').toString('base64'), { url: null, maxBytes: 100 })).toBe('<p>Ünïcode — ok</p>');
  });
});

describe('a fetched page on the extract queue', () => {
  const prefix = uniquePrefix('gzip');
  let redis: Redis;
  let server: TestServer;
  let worker: WorkerProcess;
  // A real modern article page (the first of the modern dev set), read in place.
  const page = readFileSync(join(DEV_SETS.modern, 'html', readdirSync(join(DEV_SETS.modern, 'html')).sort()[0]!));

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({ '/story': send(page, 'text/html; charset=utf-8') });
    // Fetch only: the extract job stays waiting, as it is between the two stages.
    worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'fetch' }));
    await waitReady(worker, 60_000);
  }, 90_000);
  afterAll(async () => {
    if (worker) expect(await stopWorker(worker)).toBe(0);
    await server?.close();
    await cleanup(prefix, redis);
    redis.disconnect();
  });

  it('is held gzipped, says its size, and inflates to the page as served', async () => {
    const extract = openQueue(prefix, 'extract', redis);
    await enqueueUrls([server.url('/story')], { prefix });
    await waitFor(async () => (await extract.getWaitingCount()) === 1, PATIENCE_MS, () => worker.stderr());
    const [job] = await extract.getWaiting();
    const stored = (await redis.hget(`{${prefix}}:extract:${job!.id}`, 'data'))!;
    expect(job!.data.html).toBeUndefined();
    expect(job!.data.htmlBytes).toBe(page.length);
    expect(inflatePage(job!.data.htmlGzip, { url: null })).toBe(page.toString('utf8'));
    // An article page gzips to a fifth or so; the job data is that in base64, and a few fields.
    expect(stored.length).toBeLessThan(page.length / 2);
    await extract.close();
  });
});

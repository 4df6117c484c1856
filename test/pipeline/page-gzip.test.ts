/**
 * A fetched page waits on the extract queue gzipped (a fraction of its bytes in Redis and in
 * the worker's main thread), comes back byte for byte in the extraction thread, and a gzipped
 * page that would inflate past the cap, or is not gzip at all, fails with a clear reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
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

  it('decodes the bytes from their charset, and counts the cap in UTF-8 bytes of the decoded page', () => {
    const latin = Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x3c, 0x2f, 0x70, 0x3e]); // <p>“Café”</p> in windows-1252
    expect(inflatePage(gzipSync(latin).toString('base64'), { url: null, charset: 'windows-1252' })).toBe('<p>“Café”</p>');
    // 700 bytes of é in windows-1252 are 1,400 bytes in UTF-8: over a 1,024-byte cap once decoded.
    const wide = gzipSync(Buffer.alloc(700, 0xe9)).toString('base64');
    expect(() => inflatePage(wide, { url: 'https://news.example/wide', maxBytes: 1024, charset: 'windows-1252' })).toThrow(/^https:\/\/news\.example\/wide inflates to more than NEWSINT_MAX_EXTRACT_BYTES \(1024 bytes\)$/);
    expect(inflatePage(wide, { url: null, maxBytes: 1400, charset: 'windows-1252' })).toBe('é'.repeat(700));
  });
});

describe('a fetched page on the extract queue', () => {
  const prefix = uniquePrefix('gzip');
  let redis: Redis;
  let server: TestServer;
  let worker: WorkerProcess;
  // A real modern article page (the first of the modern dev set), read in place.
  const page = readFileSync(join(DEV_SETS.modern, 'html', readdirSync(join(DEV_SETS.modern, 'html')).sort()[0]!));
  // An article in windows-1252 (served as iso-8859-1, which browsers read as windows-1252).
  const latinPage = Buffer.from(
    `<html><head><title>Caf\xe9 owners warned</title></head><body><article><h1>Caf\xe9 owners warned</h1>${'<p>The agency said \x93the caf\xe9 chain\x94 was breached by APT29 on Monday, and that customers should reset passwords at once.</p>'.repeat(6)}</article></body></html>`,
    'latin1',
  );

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({ '/story': send(page, 'text/html; charset=utf-8'), '/latin': send(latinPage, 'text/html; charset=iso-8859-1') });
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

  it('holds a page in another charset as served, with its charset, and the record reads it right', async () => {
    const extract = openQueue(prefix, 'extract', redis);
    await enqueueUrls([server.url('/latin')], { prefix });
    await waitFor(async () => (await extract.getWaitingCount()) === 1, PATIENCE_MS, () => worker.stderr());
    const [job] = await extract.getWaiting();
    expect(job!.data).toMatchObject({ charset: 'windows-1252', htmlBytes: latinPage.length });
    // Byte for byte as served: the fetch worker did not decode it.
    expect(gunzipSync(Buffer.from(job!.data.htmlGzip, 'base64')).equals(latinPage)).toBe(true);
    // An extract worker decodes it in its extraction thread.
    const extractor = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'extract' }));
    const results = openQueue(prefix, 'results', redis);
    try {
      await waitFor(async () => (await results.getWaitingCount()) === 1, PATIENCE_MS, () => extractor.stderr());
      const [record] = await results.getWaiting();
      expect(record!.data.title).toBe('Café owners warned');
      expect(record!.data.text).toContain('The agency said “the café chain” was breached by APT29 on Monday');
      await results.obliterate({ force: true });
    } finally {
      expect(await stopWorker(extractor)).toBe(0);
      await Promise.all([results.close(), extract.close()]);
    }
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

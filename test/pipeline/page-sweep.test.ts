/**
 * A worker that dies after BullMQ recorded an extract job's outcome but before it dropped the
 * page leaves the page in Redis (a completed job is kept 10 minutes, a failed one a week).
 * The state is made exactly so here: a plain BullMQ worker finishes the jobs and never drops
 * anything; then a newsint worker process starts and must drop the leftovers.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_NAMES, QUEUE_NAMES } from '../../src/queue/names.js';
import { gzipPage } from '../../src/queue/page-gzip.js';
import { assertBuilt, cleanup, openQueue, PATIENCE_MS, samplePages, startWorkerProcess, stopWorker, testEnv, testRedis, uniquePrefix, waitFor, waitReady, type WorkerProcess } from './harness.js';

describe('pages left in finished extract jobs', () => {
  const prefix = uniquePrefix('sweep');
  let redis: Redis;
  let worker: WorkerProcess | undefined;

  beforeAll(() => {
    assertBuilt();
    redis = testRedis();
  });
  afterAll(async () => {
    if (worker) expect(await stopWorker(worker)).toBe(0);
    await cleanup(prefix, redis);
    redis.disconnect();
  });

  it('are dropped by the next extract worker that starts; what the dashboard reads of them stays', async () => {
    const extract = openQueue(prefix, 'extract', redis);
    const html = [...samplePages().values()][0]!.toString('utf8');
    const page = (n: number) => ({ url: `https://news.example/${n}`, finalUrl: `https://news.example/${n}`, fetchedAt: new Date().toISOString(), source: null });
    // One page as another producer sends it (text), one as newsint's fetch does (gzipped).
    await extract.add(JOB_NAMES.extract, { ...page(1), html }, { jobId: 'done-1', removeOnComplete: { count: 50 } });
    await extract.add(JOB_NAMES.extract, { ...page(2), htmlGzip: await gzipPage(html), htmlBytes: Buffer.byteLength(html) }, { jobId: 'failed-2', removeOnFail: { count: 50 } });
    const connection = redis.duplicate({ maxRetriesPerRequest: null });
    // Finishes both jobs and drops nothing: as a newsint worker SIGKILLed right after each outcome.
    const plain = new Worker(QUEUE_NAMES.extract, async (job) => {
      if (job.id === 'failed-2') throw new UnrecoverableError('NO_ARTICLE: nothing to extract');
      return { id: 'r1', url: job.data.url, title: 'T', wordCount: 1, ms: 1, entities: {} };
    }, { connection, prefix: `{${prefix}}` });
    await waitFor(async () => (await extract.getCompletedCount()) === 1 && (await extract.getFailedCount()) === 1, PATIENCE_MS);
    await plain.close();
    connection.disconnect();
    const held = async () => (await Promise.all(['done-1', 'failed-2'].map((id) => extract.getJob(id)))).map((j) => typeof (j?.data.html ?? j?.data.htmlGzip));
    expect(await held()).toEqual(['string', 'string']);

    worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'extract', NEWSINT_LOG_FORMAT: 'json' }));
    await waitReady(worker);
    await waitFor(async () => (await held()).every((t) => t === 'undefined'), PATIENCE_MS, () => worker!.stderr());
    const done = (await extract.getJob('done-1'))!;
    expect(done.data).toMatchObject({ url: 'https://news.example/1', htmlDropped: true, htmlBytes: Buffer.byteLength(html) });
    expect(done.returnvalue).toMatchObject({ id: 'r1', title: 'T' });
    const failed = (await extract.getJob('failed-2'))!;
    expect(failed.failedReason).toMatch(/^NO_ARTICLE/);
    expect(failed.data).toEqual({ url: 'https://news.example/2', finalUrl: 'https://news.example/2', fetchedAt: expect.any(String), source: null, htmlDropped: true, htmlBytes: Buffer.byteLength(html) });
    expect(worker.stderr()).toMatch(/dropped the page of 2 finished extract job\(s\)/);
    await extract.close();
  });
});

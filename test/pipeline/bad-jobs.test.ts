/**
 * Jobs written by other producers (BullMQ in Python, a script, a hand in redis-cli) reach
 * the workers too: a default integer job id works, bad data fails at once and for good with
 * a reason that says what was wrong, data that is not JSON does not loop, and `status
 * --failed` reads every failed job whatever its data.
 */
import { spawnSync } from 'node:child_process';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, cleanup, CLI, openQueue, PATIENCE_MS, readResults, REDIS_URL, ROOT, samplePages, startWorkerProcess, stopWorker, testEnv, testRedis, type WorkerProcess, uniquePrefix, waitFor, waitReady } from './harness.js';

describe('foreign and malformed jobs', () => {
  const prefix = uniquePrefix('badjobs');
  let server: TestServer;
  let redis: Redis;
  let worker: WorkerProcess | undefined;
  let fetchQueue: Queue;
  let extractQueue: Queue;
  let resultsQueue: Queue;
  const page = [...samplePages().values()][0]!.toString('utf8');

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({ '/plain-id': send(page, 'text/html'), '/other': send(page.replace('<title>', '<title>Other: '), 'text/html') });
    fetchQueue = openQueue(prefix, 'fetch', redis);
    extractQueue = openQueue(prefix, 'extract', redis);
    resultsQueue = openQueue(prefix, 'results', redis);
  }, 90_000);
  afterAll(async () => {
    if (worker) expect(await stopWorker(worker)).toBe(0);
    await server?.close();
    await cleanup(prefix);
    redis?.disconnect();
  });

  it('runs a job with an integer id, fails bad data at once with its reason, and never loops on data that is not JSON', async () => {
    // Written before any worker runs, as another producer would.
    const plain = await fetchQueue.add('fetch', { url: server.url('/plain-id') }); // BullMQ's default id: "1"
    expect(plain.id).toMatch(/^\d+$/);
    const badDate = await extractQueue.add('extract', { url: server.url('/x'), finalUrl: server.url('/x'), fetchedAt: 'yesterday', html: page, source: null }, { jobId: 'bad-date', attempts: 3 });
    const nullData = await fetchQueue.add('fetch', null, { jobId: 'null-data', attempts: 3 });
    const notJsonFetch = await fetchQueue.add('fetch', { url: server.url('/other') }, { jobId: 'not-json-fetch', attempts: 3 });
    const notJsonExtract = await extractQueue.add('extract', { url: server.url('/other') }, { jobId: 'not-json-extract', attempts: 3 });
    for (const [queue, id] of [[fetchQueue, notJsonFetch.id], [extractQueue, notJsonExtract.id]] as const) {
      await redis.hset(`{${prefix}}:${queue.name}:${id}`, 'data', '{"url": "http://127.0.0.1/ unterminated');
    }

    worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'fetch,extract' }));
    await waitReady(worker, 60_000);
    const w = worker;

    // The integer-id job: fetched once, extracted, published.
    await waitFor(async () => (await readResults(resultsQueue)).length === 1, PATIENCE_MS, () => w.stderr());
    expect((await readResults(resultsQueue)).map((r) => r.url)).toEqual([server.url('/plain-id')]);
    expect(server.hits.get('/plain-id')).toBe(1);
    expect(await plain.getState()).toBe('completed');

    const failed = async (queue: Queue, id: string) => {
      await waitFor(async () => (await queue.getJobState(id)) === 'failed', PATIENCE_MS, () => `${queue.name} ${id} is ${w.stderr()}`);
      return (await queue.getJob(id)) as Job;
    };
    // Bad data fails on its first attempt although three were allowed, saying where it is wrong.
    const date = await failed(extractQueue, badDate.id!);
    expect(date.attemptsMade).toBe(1);
    expect(date.failedReason).toMatch(/^SCHEMA_VIOLATION: extract job data is invalid at fetchedAt: must be an ISO 8601 date-time/);
    const nul = await failed(fetchQueue, nullData.id!);
    expect(nul.attemptsMade).toBe(1);
    expect(nul.failedReason).toMatch(/^SCHEMA_VIOLATION: fetch job data is invalid/);
    // Data that is not JSON: failed once, for good, never fetched; its data is readable JSON now.
    for (const [queue, id] of [[fetchQueue, notJsonFetch.id!], [extractQueue, notJsonExtract.id!]] as const) {
      const job = await failed(queue, id);
      expect(job.attemptsMade, id).toBe(1);
      expect(job.failedReason, id).toMatch(/^BAD_JOB_DATA: \w+ job not-json-\w+ holds data that is not JSON/);
      expect(job.data, id).toEqual({ unreadableData: '{"url": "http://127.0.0.1/ unterminated' });
    }
    expect(server.hits.get('/other') ?? 0).toBe(0);
    expect(await readResults(resultsQueue)).toHaveLength(1);

    // `status --failed` reads every failed job, null data included.
    const status = spawnSync(process.execPath, [CLI, 'status', '--failed', '10'], { cwd: ROOT, env: { ...process.env, REDIS_URL, NEWSINT_PREFIX: prefix }, encoding: 'utf8' });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toContain('failed fetch job null-data: SCHEMA_VIOLATION');
    expect(status.stdout).toContain('failed extract job not-json-extract: BAD_JOB_DATA');
    expect(status.stdout).toContain(`failed extract ${server.url('/x')}: SCHEMA_VIOLATION`);
  });
});

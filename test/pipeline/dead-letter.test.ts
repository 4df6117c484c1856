/**
 * Nothing a consumer fails is lost or blocks later crawls: a record whose consumer failed
 * it on every attempt waits in the dead-letter list (`newsint results failed`), comes back
 * with `newsint results retry`, goes with `newsint results drop`, and a re-crawl of the
 * article publishes again meanwhile. A URL that failed can be queued again at once.
 */
import { spawnSync } from 'node:child_process';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeResults, dropFailedResults, enqueueUrls, listFailedResults } from '../../src/api.js';
import type { ArticleRecord } from '../../src/record/schema.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, cleanup, CLI, openQueue, PATIENCE_MS, REDIS_URL, ROOT, samplePages, startWorkerProcess, stopWorker, testEnv, testRedis, type WorkerProcess, uniquePrefix, waitFor, waitReady } from './harness.js';

function cli(prefix: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, REDIS_URL, NEWSINT_PREFIX: prefix }, encoding: 'utf8' });
}

describe('dead-letter list of the results queue', () => {
  const prefix = uniquePrefix('dlq');
  let server: TestServer;
  let redis: Redis;
  let worker: WorkerProcess;
  let results: Queue;
  const page = [...samplePages().values()][0]!;
  let gone = true;

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({
      '/story': send(page, 'text/html'),
      '/flaky-story': (req, res) => (gone ? send('no such story', 'text/plain', 404)(req, res) : send(page, 'text/html')(req, res)),
    });
    worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'fetch,extract' }));
    await waitReady(worker, 60_000);
    results = openQueue(prefix, 'results', redis);
  }, 90_000);
  afterAll(async () => {
    if (worker) expect(await stopWorker(worker)).toBe(0);
    await server?.close();
    await cleanup(prefix);
    redis?.disconnect();
  });

  const counts = () => results.getJobCounts('waiting', 'failed');

  it('lists a record its consumer failed, publishes a re-crawl anyway, replays and drops on request', async () => {
    const url = server.url('/story');
    const window = { prefix, recrawlWindowMs: 1_000 };
    expect((await enqueueUrls([url], window)).added).toBe(1);
    await waitFor(async () => (await counts()).waiting === 1, PATIENCE_MS, () => worker.stderr());

    // A consumer whose index is down fails the record on every attempt.
    let tries = 0;
    const broken = await consumeResults(async () => {
      tries++;
      throw new Error('search index unreachable');
    }, { prefix, follow: true });
    await waitFor(async () => (await counts()).failed === 1, PATIENCE_MS, () => `tries ${tries}`);
    await broken.close();
    expect(tries).toBe(3);

    const listed = cli(prefix, 'results', 'failed');
    expect(listed.status, listed.stderr).toBe(0);
    const [dead] = (await listFailedResults({ prefix })).records;
    expect(dead).toMatchObject({ url, reason: 'search index unreachable', attempts: 3 });
    expect(listed.stdout).toContain(`${dead!.recordId}  ${url}  failed `);
    expect(listed.stdout).toContain('after 3 attempt(s): search index unreachable');
    expect(listed.stderr).toContain('1 dead record(s)');

    // A later crawl of the same article publishes again, the dead copy notwithstanding.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await enqueueUrls([url], window)).added).toBe(1);
    await waitFor(async () => (await counts()).waiting === 1, PATIENCE_MS, () => worker.stderr());
    expect(await counts()).toEqual({ waiting: 1, failed: 1 });

    // Replay by record id: both copies reach a working consumer, with the same id.
    const retried = cli(prefix, 'results', 'retry', dead!.recordId!);
    expect(retried.status, retried.stderr).toBe(0);
    expect(retried.stdout).toBe('1 record(s) queued again\n');
    expect(await counts()).toEqual({ waiting: 2, failed: 0 });
    const seen: ArticleRecord[] = [];
    const ok = await consumeResults(async (r) => void seen.push(r), { prefix, follow: false });
    await ok.done;
    expect(seen.map((r) => r.id)).toEqual([dead!.recordId, dead!.recordId]);

    // Drop: a record failed again is deleted for good, by CLI and by API.
    expect(cli(prefix, 'results', 'retry').status).toBe(2); // neither an id nor --all
    await new Promise((r) => setTimeout(r, 1_100));
    await enqueueUrls([url], window);
    await waitFor(async () => (await counts()).waiting === 1, PATIENCE_MS, () => worker.stderr());
    const broken2 = await consumeResults(async () => {
      throw new Error('still down');
    }, { prefix, follow: true });
    await waitFor(async () => (await counts()).failed === 1, PATIENCE_MS);
    await broken2.close();
    expect(cli(prefix, 'results', 'drop', 'no-such-id').stderr).toMatch(/^newsint: BAD_INPUT: no dead record has id no-such-id/);
    const dropped = cli(prefix, 'results', 'drop', '--all');
    expect(dropped.stdout).toBe('1 record(s) dropped\n');
    expect(await counts()).toEqual({ waiting: 0, failed: 0 });
    expect(await dropFailedResults({ all: true }, { prefix })).toBe(0);
  });

  it('queues a URL that failed again at once; a URL fetched fine stays a duplicate in its window', async () => {
    const fetchQueue = openQueue(prefix, 'fetch', redis);
    const url = server.url('/flaky-story');
    expect((await enqueueUrls([url], { prefix })).added).toBe(1);
    await waitFor(async () => (await fetchQueue.getJobCounts('failed')).failed === 1, PATIENCE_MS, () => worker.stderr());

    gone = false; // the site fixed the page
    const again = cli(prefix, 'enqueue', url);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe('1 new (1 of them failed before), 0 duplicates, 0 invalid\n');
    await waitFor(async () => (await fetchQueue.getJobCounts('completed')).completed! >= 1 && (await results.getJobCounts('waiting')).waiting === 1, PATIENCE_MS, () => worker.stderr());
    // The failure stays readable next to the success.
    expect(await fetchQueue.getJobCounts('failed')).toEqual({ failed: 1 });
    expect(await enqueueUrls([url], { prefix })).toMatchObject({ added: 0, requeued: 0, duplicates: 1 });
  });
});

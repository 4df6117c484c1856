/**
 * Extraction has a deadline and a memory cap of its own (BullMQ has neither): a page too
 * heavy to extract in time fails at once with TIMEOUT, one that needs more than a thread's
 * heap fails at once with OUT_OF_MEMORY, and in both cases the worker process lives on and
 * extracts the next page.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, cleanup, openQueue, PATIENCE_MS, readResults, samplePages, startWorkerProcess, stopWorker, testEnv, testRedis, type WorkerProcess, uniquePrefix, waitFor, waitReady } from './harness.js';

/** Many entity-dense paragraphs: about 4.4 MB (under NEWSINT_MAX_EXTRACT_BYTES) that takes seconds to extract. */
function heavyPage(): string {
  const paragraph =
    '<p>CISA and the FBI said on Wednesday that Salt Typhoon, a China-backed group also tracked as GhostEmperor, ' +
    'breached AT&T, Verizon and Lumen Technologies last month, while Volt Typhoon hit water utilities in September.</p>';
  return `<html><body><article>${paragraph.repeat(20000)}</article></body></html>`;
}

/**
 * One worker process with `env`, a heavy page and a normal one: the heavy page fails once,
 * permanently, with a reason matching `reason`; the worker lives on and extracts the next page.
 */
function heavyPageFailsAndWorkerGoesOn(label: string, env: Record<string, string>, title: string, reason: RegExp): void {
  describe(label, () => {
    const prefix = uniquePrefix(label.replace(/\W+/g, '-'));
    let server: TestServer;
    let redis: Redis;
    let worker: WorkerProcess;
    let extractQueue: Queue;
    let resultsQueue: Queue;

    beforeAll(async () => {
      assertBuilt();
      redis = testRedis();
      server = await startServer({ '/heavy': send(heavyPage(), 'text/html'), '/article': send([...samplePages().values()][0]!, 'text/html') });
      worker = startWorkerProcess(testEnv(prefix, { NEWSINT_QUEUES: 'fetch,extract', ...env }));
      await waitReady(worker);
      extractQueue = openQueue(prefix, 'extract', redis);
      resultsQueue = openQueue(prefix, 'results', redis);
    });
    afterAll(async () => {
      if (worker) expect(await stopWorker(worker)).toBe(0);
      await server?.close();
      await extractQueue?.close();
      await resultsQueue?.close();
      await cleanup(prefix);
      redis?.disconnect();
    });

    it(title, async () => {
      await enqueueUrls([server.url('/heavy')], { prefix });
      await waitFor(async () => (await extractQueue.getJobCounts('failed')).failed === 1, PATIENCE_MS, () => worker.stderr());
      const [failed] = await extractQueue.getJobs(['failed']);
      expect(failed!.failedReason).toMatch(reason);
      expect(failed!.attemptsMade).toBe(1);
      expect(worker.proc.exitCode).toBeNull();

      await enqueueUrls([server.url('/article')], { prefix });
      await waitFor(async () => (await readResults(resultsQueue)).length === 1, PATIENCE_MS, () => worker.stderr());
      expect((await readResults(resultsQueue)).map((r) => r.url)).toEqual([server.url('/article')]);
    });
  });
}

heavyPageFailsAndWorkerGoesOn(
  'extraction deadline',
  { NEWSINT_EXTRACT_DEADLINE: '2s' },
  'fails a page that takes too long at once, and extracts the next one',
  /^TIMEOUT: extracting http:\/\/127\.0\.0\.1:\d+\/heavy took longer than 2000 ms/,
);

// A generous deadline: the page must meet the heap cap, not the clock.
heavyPageFailsAndWorkerGoesOn(
  'extraction memory cap',
  { NEWSINT_EXTRACT_MEMORY_MB: '64', NEWSINT_EXTRACT_DEADLINE: '10m' },
  'fails a page that exhausts its thread heap at once, permanently, and the worker extracts the next one',
  /^OUT_OF_MEMORY: extracting http:\/\/127\.0\.0\.1:\d+\/heavy needed more than its 64 MB heap \(NEWSINT_EXTRACT_MEMORY_MB\)/,
);

/**
 * The same pipeline on a Redis Cluster (the hash-tagged prefix keeps every key of a prefix in
 * one slot). The cluster is the run's own three-node cluster on loopback, started by test/global-setup.ts
 * (NEWSINT_TEST_REDIS_CLUSTER).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { createRedis } from '../../src/queue/connection.js';
import { createQueues } from '../../src/queue/queues.js';
import { ArticleRecordSchema } from '../../src/record/schema.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, PATIENCE_MS, samplePages, startWorkerProcess, stopWorker, testEnv, uniquePrefix, waitFor, waitReady } from './harness.js';

const CLUSTER = process.env.NEWSINT_TEST_REDIS_CLUSTER;

describe('Redis Cluster', () => {
  const prefix = uniquePrefix('cluster');
  let server: TestServer;
  beforeAll(async () => {
    assertBuilt();
    if (!CLUSTER) throw new Error('NEWSINT_TEST_REDIS_CLUSTER is unset: run under "npm test" (test/global-setup.ts starts the cluster)');
    server = await startServer({ '/article': send([...samplePages().values()][0]!, 'text/html'), '/missing': send('gone', 'text/plain', 404) });
  });
  afterAll(async () => {
    await server?.close();
    const redis = createRedis({ url: CLUSTER!, role: 'worker' });
    const queues = createQueues({ config: { prefix, attempts: 1, backoffMs: 100 }, connection: redis });
    for (const q of [queues.discover, queues.fetch, queues.extract, queues.results]) await q.obliterate({ force: true });
    await queues.close();
    redis.disconnect();
  });

  it('fetches, extracts and publishes through a worker process', async () => {
    const worker = startWorkerProcess(testEnv(prefix, { REDIS_URL: CLUSTER! }));
    const redis = createRedis({ url: CLUSTER!, role: 'worker' });
    const queues = createQueues({ config: { prefix, attempts: 1, backoffMs: 100 }, connection: redis });
    try {
      await waitReady(worker);
      expect(await enqueueUrls([server.url('/article'), server.url('/missing')], { prefix, redisUrl: CLUSTER })).toMatchObject({ added: 2 });
      await waitFor(async () => (await queues.results.getJobCounts('waiting')).waiting === 1 && (await queues.fetch.getJobCounts('failed')).failed === 1, PATIENCE_MS, () => worker.stderr());
      const [job] = await queues.results.getJobs(['waiting']);
      expect(ArticleRecordSchema.parse(job!.data).url).toBe(server.url('/article'));
      const [failed] = await queues.fetch.getJobs(['failed']);
      expect(failed!.failedReason).toContain('HTTP_NOT_FOUND');
    } finally {
      expect(await stopWorker(worker)).toBe(0);
      await queues.close();
      redis.disconnect();
    }
  });
});

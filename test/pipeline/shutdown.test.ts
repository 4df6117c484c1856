/**
 * SIGTERM to a busy worker loses no job: it finishes what it holds and exits 0, and a
 * second worker turns the rest into records, so every URL ends as exactly one record.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, cleanup, openQueue, PATIENCE_MS, readResults, startWorkerProcess, stopWorker, testEnv, testRedis, uniquePrefix, waitFor, waitIdle, waitReady } from './harness.js';

const PAGES = 30;
const SLOW_MS = 400;

function story(i: number): string {
  return `<!doctype html><html lang="en"><head><title>Incident report ${i}</title></head><body><article><h1>Incident report ${i}</h1>
<p>Responders at utility number ${i} described how an intrusion was found during a routine review of remote access logs last week.</p>
<p>The operator said the attackers used stolen credentials and that no customer data was taken, according to the statement.</p>
<p>Investigators are still working with the national agency to confirm which systems were reached in case ${i}.</p></article></body></html>`;
}

describe('graceful shutdown', () => {
  const prefix = uniquePrefix('term');
  let server: TestServer;
  let redis: Redis;

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({});
    for (let i = 0; i < PAGES; i++) {
      server.route(`/story/${i}`, (_req, res) => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(story(i));
        }, SLOW_MS);
      });
    }
  });
  afterAll(async () => {
    await server?.close();
    await cleanup(prefix);
    redis?.disconnect();
  });

  it('SIGTERM mid-way: exit 0, then every URL still ends as one record', async () => {
    const env = testEnv(prefix, { NEWSINT_QUEUES: 'fetch,extract', NEWSINT_FETCH_CONCURRENCY: '4' });
    const urls = Array.from({ length: PAGES }, (_, i) => server.url(`/story/${i}`));
    expect((await enqueueUrls(urls, { prefix })).added).toBe(PAGES);
    const results = openQueue(prefix, 'results', redis);

    const first = startWorkerProcess(env);
    await waitReady(first);
    await waitFor(async () => (await readResults(results)).length >= 3, PATIENCE_MS, () => first.stderr());
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const afterFirst = (await readResults(results)).length;
    expect(afterFirst).toBeLessThan(PAGES); // it really was stopped mid-way
    expect(first.stderr()).toMatch(/SIGTERM, finishing \d+ active jobs? for up to/);

    const second = startWorkerProcess(env);
    try {
      await waitReady(second);
      await waitFor(async () => (await readResults(results)).length >= PAGES, PATIENCE_MS, () => second.stderr());
      await waitIdle(prefix, redis);
      const records = await readResults(results);
      expect(records.map((r) => r.url).sort()).toEqual([...urls].sort());
      expect(new Set(records.map((r) => r.id)).size).toBe(PAGES);
      expect(await openQueue(prefix, 'fetch', redis).getJobs(['failed'])).toEqual([]);
      expect(await openQueue(prefix, 'extract', redis).getJobs(['failed'])).toEqual([]);
    } finally {
      expect(await stopWorker(second)).toBe(0);
    }
  });
});

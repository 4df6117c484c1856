/**
 * Worker logs as an operator reads them: JSON lines, one info line per finished article with
 * its url, record id, time and entity counts; a Redis outage is one line going and one
 * coming back, not a line per reconnect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, logLines, startWorkerProcess, stopOrKill, testEnv, uniquePrefix, waitFor, waitReady, type WorkerProcess } from '../pipeline/harness.js';
import { story } from './pages.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

const PAGES = 20;
const OUTAGE_MS = 10_000;




describe('worker logs', () => {
  const prefix = uniquePrefix('logs');
  let server: TestServer;
  let redis: TestRedis;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    assertBuilt();
    redis = await startRedis();
    server = await startServer({});
    for (let i = 0; i < PAGES; i++) server.route(`/advisory/${i}`, (_req, res) => { res.writeHead(200, { "content-type": "text/html" }); res.end(story(i)); });
  });
  afterAll(async () => {
    if (worker) await stopOrKill(worker);
    await server?.close();
    await redis?.stop();
  });

  it('20 pages give 20 info lines with url, record id, ms and entity counts; a 10 s outage gives at most 4 lines', { timeout: 120_000 }, async () => {
    worker = startWorkerProcess(testEnv(prefix, { REDIS_URL: redis.url, NEWSINT_LOG_FORMAT: 'json', NEWSINT_QUEUES: 'fetch,extract' }));
    await waitReady(worker);
    const urls = Array.from({ length: PAGES }, (_, i) => server.url(`/advisory/${i}`));
    expect((await enqueueUrls(urls, { redisUrl: redis.url, prefix })).added).toBe(PAGES);

    const articles = () => logLines(worker!).filter((l) => l.msg.startsWith('extracted '));
    await waitFor(() => articles().length >= PAGES, 60_000, () => worker!.stderr());
    // Every line is levelled and timestamped JSON.
    for (const l of logLines(worker)) {
      expect(['info', 'warn', 'error', 'debug'], l.msg).toContain(l.level);
      expect(Number.isNaN(Date.parse(l.time ?? ''))).toBe(false);
    }
    const done = articles();
    expect(done).toHaveLength(PAGES);
    expect(done.every((l) => l.level === 'info')).toBe(true);
    expect(new Set(done.map((l) => l.url))).toEqual(new Set(urls));
    for (const l of done) {
      expect(l.recordId).toMatch(/^[0-9a-f]{64}$/);
      expect(typeof l.ms).toBe('number');
      const entities = l.entities as Record<string, number>;
      expect(entities.aptGroups).toBe(1);
      expect(entities.cves).toBe(1);
      expect(entities.agencies).toBeGreaterThanOrEqual(2);
    }

    const before = logLines(worker).length;
    await redis.pause();
    const pausedAt = Date.now();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await redis.resume();
    await waitFor(() => logLines(worker!).some((l) => l.msg.startsWith('Redis back')), 30_000, () => worker!.stderr());
    // Anything the reconnect sets off has a moment to show up before the lines are counted.
    await new Promise((r) => setTimeout(r, 2_000));
    const during = logLines(worker).slice(before);
    console.info(`lines logged over the ${OUTAGE_MS / 1000} s outage: ${during.length}`);
    expect(during.length, JSON.stringify(during, null, 1)).toBeLessThanOrEqual(4);
    expect(during.filter((l) => l.msg.startsWith('Redis unreachable'))).toHaveLength(1);
    const back = during.find((l) => l.msg.startsWith('Redis back'))!;
    expect(back.outageMs as number).toBeGreaterThanOrEqual(OUTAGE_MS - 1_000);
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(await stopOrKill(worker)).toBe(0);
  });
});

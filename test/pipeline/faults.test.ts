/**
 * Faults with real processes: a worker SIGKILLed mid-job, and a Redis (AOF, started here)
 * stopped for longer than the job lock. Every URL ends as a record or a failure with a
 * reason, nothing is lost, duplicates are counted, and an outage is one line going and one
 * coming back in each worker's log, with no stack trace from any process.
 */
import type { ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { story } from '../ops/pages.js';
import { assertBuilt, logLines, openQueue, PATIENCE_MS, startWorkerProcess, stopOrKill, testEnv, uniquePrefix, waitFor, waitIdle, waitReady, type WorkerProcess } from './harness.js';

/** Short job lock for these tests (NEWSINT_LOCK_DURATION): an outage longer than it makes the point. */
const LOCK = '2s';
const OUTAGE_MS = 5_000;
const PAGES = 24;
const SLOW_MS = 250;



/** What became of each URL: records on the results queue (by job, so copies count) and failed jobs with their reasons. */
async function outcomes(prefix: string, redis: Redis, urls: string[]) {
  const [results, fetch, extract] = (['results', 'fetch', 'extract'] as const).map((n) => openQueue(prefix, n, redis));
  const records = (await results!.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'])).map((j) => j.data as { id: string; url: string });
  const failures: Array<{ url: string; reason: string }> = [];
  for (const queue of [fetch!, extract!]) {
    for (const job of await queue.getJobs(['failed'])) failures.push({ url: (job.data as { url: string }).url, reason: job.failedReason ?? '' });
  }
  await Promise.all([results!, fetch!, extract!].map((q) => q.close()));
  const copies = new Map(urls.map((u) => [u, 0]));
  for (const r of records) copies.set(r.url, (copies.get(r.url) ?? 0) + 1);
  const duplicates = [...copies.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const distinctIds = new Set(records.map((r) => r.id)).size;
  return { records, failures, copies, duplicates, distinctIds };
}

/** A site whose pages answer after SLOW_MS, except those the test holds open until release(). */
class SlowSite {
  requests = 0;
  private held: ServerResponse[] = [];
  private holding = true;
  constructor(private readonly server: TestServer, holdPaths: Set<number>) {
    for (let i = 0; i < PAGES; i++) {
      server.route(`/news/${i}`, (_req, res) => {
        this.requests++;
        if (this.holding && holdPaths.has(i)) return void this.held.push(res);
        setTimeout(() => answer(res, i), SLOW_MS);
      });
    }
    const answer = (res: ServerResponse, i: number) => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(story(i));
    };
    this.answerHeld = () => {
      this.holding = false;
      for (const res of this.held.splice(0)) answer(res, 0);
    };
  }
  answerHeld: () => void;
  get heldOpen(): number {
    return this.held.filter((r) => !r.destroyed).length;
  }
  urls(): string[] {
    return Array.from({ length: PAGES }, (_, i) => this.server.url(`/news/${i}`));
  }
}

describe('faults', () => {
  let server: TestServer;
  const redisServers: TestRedis[] = [];
  const clients: Redis[] = [];
  const workers: WorkerProcess[] = [];

  function start(env: Record<string, string>): WorkerProcess {
    const w = startWorkerProcess(env);
    workers.push(w);
    return w;
  }

  beforeAll(async () => {
    assertBuilt();
    server = await startServer({});
  });
  afterAll(async () => {
    for (const w of workers) await stopOrKill(w);
    await server?.close();
    for (const c of clients) c.disconnect();
    for (const r of redisServers) await r.stop();
  });

  it('SIGKILL a worker mid-job, restart it: every URL ends as exactly one record or one failure with a reason', async () => {
    const redisServer = await startRedis();
    redisServers.push(redisServer);
    const redis = new Redis(redisServer.url);
    clients.push(redis);
    const prefix = uniquePrefix('kill');
    // Pages 0-3 are held open by the site, so the kill lands while fetches are in flight.
    const site = new SlowSite(server, new Set([0, 1, 2, 3]));
    const env = testEnv(prefix, { REDIS_URL: redisServer.url, NEWSINT_LOCK_DURATION: LOCK, NEWSINT_QUEUES: 'fetch,extract', NEWSINT_FETCH_CONCURRENCY: '6', NEWSINT_TIMEOUT: '5m', NEWSINT_TOTAL_TIMEOUT: '5m', NEWSINT_JOB_DEADLINE: '10m', NEWSINT_LOG_FORMAT: 'json' });
    const urls = site.urls();

    const first = start(env);
    await waitReady(first);
    expect((await enqueueUrls(urls, { redisUrl: redisServer.url, prefix })).added).toBe(PAGES);
    const results = openQueue(prefix, 'results', redis);
    await waitFor(async () => site.heldOpen === 4 && (await results.count()) >= 2, PATIENCE_MS, () => first.stderr());
    first.proc.kill('SIGKILL');
    await first.exited;
    const killedWith = { records: await results.count(), active: await openQueue(prefix, 'fetch', redis).getActiveCount() };
    expect(killedWith.active).toBeGreaterThan(0); // it really died holding jobs

    site.answerHeld();
    const second = start(env);
    await waitReady(second);
    await waitFor(async () => {
      const o = await outcomes(prefix, redis, urls);
      return [...o.copies.values()].every((c) => c > 0) || o.records.length + o.failures.length >= PAGES;
    }, PATIENCE_MS, () => second.stderr());
    await waitIdle(prefix, redis);
    const o = await outcomes(prefix, redis, urls);
    console.info(`SIGKILL with ${killedWith.active} fetch jobs active and ${killedWith.records} records out: ${o.records.length} records for ${PAGES} URLs, ${o.duplicates} duplicate(s), ${o.failures.length} failure(s), ${site.requests} page requests`);
    for (const url of urls) {
      const records = o.copies.get(url) ?? 0;
      const failed = o.failures.filter((f) => f.url === url);
      expect(records + failed.length, `${url}: ${records} records, failures ${JSON.stringify(failed)}`).toBe(1);
      for (const f of failed) expect(f.reason).toMatch(/^[A-Z_]+: /);
    }
    expect(o.failures).toEqual([]);
    expect(await stopOrKill(second)).toBe(0);
  });

  it('Redis (AOF) stopped for longer than the job lock and restarted: workers reconnect alone, nothing lost, one line each way, no stack traces', async () => {
    const redisServer = await startRedis({ aof: true });
    redisServers.push(redisServer);
    const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    redis.on('error', () => {});
    clients.push(redis);
    const prefix = uniquePrefix('outage');
    const site = new SlowSite(server, new Set());
    const env = testEnv(prefix, { REDIS_URL: redisServer.url, NEWSINT_LOCK_DURATION: LOCK, NEWSINT_QUEUES: 'fetch,extract', NEWSINT_FETCH_CONCURRENCY: '4', NEWSINT_LOG_FORMAT: 'json' });
    const urls = site.urls();

    const pair = [start(env), start(env)];
    for (const w of pair) await waitReady(w);
    expect((await enqueueUrls(urls, { redisUrl: redisServer.url, prefix })).added).toBe(PAGES);
    const results = openQueue(prefix, 'results', redis);
    await waitFor(async () => (await results.count()) >= 3, PATIENCE_MS, () => pair.map((w) => w.stderr()).join('\n'));
    await results.close(); // the test's own client stays quiet through the outage
    const before = pair.map((w) => logLines(w).length);
    const requestsBefore = site.requests;

    await redisServer.pause();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await redisServer.resume();

    await waitFor(async () => {
      const o = await outcomes(prefix, redis, urls);
      return [...o.copies.values()].every((c) => c > 0) || o.failures.length > 0;
    }, PATIENCE_MS, () => pair.map((w) => w.stderr()).join('\n'));
    await waitIdle(prefix, redis);
    const o = await outcomes(prefix, redis, urls);
    const during = pair.map((w, i) => logLines(w).slice(before[i]));
    console.info(
      `outage ${OUTAGE_MS / 1000} s (lock ${LOCK}), began with ${PAGES - requestsBefore} of ${PAGES} pages not yet requested: ${o.records.length} records for ${PAGES} URLs, ${o.duplicates} duplicate(s), ${o.failures.length} failure(s), ${site.requests} page requests; log lines per worker since the outage: ${during.map((d) => d.length).join(', ')}`,
    );
    for (const [i, lines] of during.entries()) console.info(`worker ${i + 1}:\n${lines.map((l) => `  ${l.level} ${l.msg}`).join('\n')}`);

    // Nothing lost: every URL has its record; nothing failed.
    expect(o.failures, JSON.stringify(o.failures)).toEqual([]);
    for (const url of urls) expect(o.copies.get(url), url).toBeGreaterThanOrEqual(1);
    expect(o.distinctIds).toBe(PAGES);
    // Each worker: one line when Redis went, one when it came back; nothing at error level, no stack trace (sandbox children write to the same stderr).
    for (const [i, lines] of during.entries()) {
      const outage = lines.filter((l) => !l.msg.startsWith('extracted '));
      expect(outage.filter((l) => l.msg.startsWith('Redis unreachable')), `worker ${i + 1}`).toHaveLength(1);
      expect(outage.filter((l) => l.msg.startsWith('Redis back')), `worker ${i + 1}`).toHaveLength(1);
      expect(outage.filter((l) => !/^Redis (unreachable|back)/.test(l.msg)), `worker ${i + 1}`).toEqual([]);
      expect(pair[i]!.stderr()).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
    }
    for (const w of pair) expect(await stopOrKill(w)).toBe(0);
  });

  /** One URL whose fetch is held open; its worker is SIGKILLed mid-fetch `kills` times, then a last worker gets it. */
  async function stallRepeatedly(kills: number, extra: Record<string, string>) {
    const redisServer = await startRedis();
    redisServers.push(redisServer);
    const redis = new Redis(redisServer.url);
    clients.push(redis);
    const prefix = uniquePrefix('stall');
    const site = new SlowSite(server, new Set([0]));
    const env = testEnv(prefix, { REDIS_URL: redisServer.url, NEWSINT_LOCK_DURATION: LOCK, NEWSINT_QUEUES: 'fetch,extract', NEWSINT_TIMEOUT: '5m', NEWSINT_TOTAL_TIMEOUT: '5m', NEWSINT_JOB_DEADLINE: '10m', NEWSINT_LOG_FORMAT: 'json', ...extra });
    const url = site.urls()[0]!;
    expect((await enqueueUrls([url], { redisUrl: redisServer.url, prefix })).added).toBe(1);
    for (let k = 0; k < kills; k++) {
      const before = site.requests;
      const w = start(env);
      await waitReady(w);
      // The stalled check hands the job to this worker once the killed one's lock lapsed.
      await waitFor(() => site.requests > before && site.heldOpen > 0, PATIENCE_MS, () => w.stderr());
      w.proc.kill('SIGKILL');
      await w.exited;
    }
    site.answerHeld();
    const last = start(env);
    await waitReady(last);
    await waitFor(async () => {
      const o = await outcomes(prefix, redis, [url]);
      return o.records.length + o.failures.length > 0;
    }, PATIENCE_MS, () => last.stderr());
    await waitIdle(prefix, redis);
    const o = await outcomes(prefix, redis, [url]);
    const failedLines = logLines(last).filter((l) => l.msg.startsWith('failed '));
    expect(await stopOrKill(last)).toBe(0);
    return { ...o, failedLines, requests: site.requests };
  }

  it('a job whose worker is SIGKILLed twice (a deploy, then a crash) is not failed for it: one record, no failure', async () => {
    const o = await stallRepeatedly(2, {});
    console.info(`killed twice mid-fetch (default NEWSINT_MAX_STALLS): ${o.records.length} record(s), ${o.failures.length} failure(s), ${o.requests} page requests`);
    expect(o.failures, JSON.stringify(o.failures)).toEqual([]);
    expect(o.records).toHaveLength(1);
  });

  it('a job that stalls more than NEWSINT_MAX_STALLS times fails for good as STALLED, with a reason that names the setting', async () => {
    const o = await stallRepeatedly(2, { NEWSINT_MAX_STALLS: '1' });
    expect(o.records).toEqual([]);
    expect(o.failures).toHaveLength(1);
    expect(o.failures[0]!.reason).toMatch(/^STALLED: fetch job \S+ was handed out again more than 1 time\(s\) after its worker stopped answering .*NEWSINT_MAX_STALLS/);
    expect(o.failedLines.map((l) => l.code)).toEqual(['STALLED']);
  });
});

/**
 * SIGTERM drain of a worker process, against a site that holds a page open: the drain is
 * announced in one line, the worker stops at NEWSINT_DRAIN_TIMEOUT instead of waiting out the
 * fetch, the unfinished job goes back to the queue and ends as one record after a restart;
 * two SIGTERMs a few ms apart (GNU timeout sends two) are one request; a second one later
 * than 2 s quits at once and still hands the job back.
 */
import type { ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/api.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { story } from '../ops/pages.js';
import { assertBuilt, cleanup, logLines, openQueue, PATIENCE_MS, readResults, startWorkerProcess, stopOrKill, testEnv, testRedis, uniquePrefix, waitFor, waitIdle, waitReady, type WorkerProcess } from './harness.js';



/** A page the server holds open until the test calls release(). */
class HeldPage {
  requests = 0;
  answered = 0;
  private waiting: ServerResponse[] = [];
  private released = false;
  constructor(private readonly body: string) {}
  handler = (_req: unknown, res: ServerResponse) => {
    this.requests++;
    if (this.released) return this.answer(res);
    this.waiting.push(res);
  };
  release(): void {
    this.released = true;
    for (const res of this.waiting.splice(0)) this.answer(res);
  }
  private answer(res: ServerResponse): void {
    if (res.destroyed) return; // the worker that asked is gone
    this.answered++;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(this.body);
  }
}

describe('SIGTERM drain', () => {
  let server: TestServer;
  let redis: Redis;
  const workers: WorkerProcess[] = [];
  const prefixes: string[] = [];

  // Timeouts far beyond the drain bound: without the bound, the worker would wait for the page.
  const slowSite = { NEWSINT_TIMEOUT: '5m', NEWSINT_TOTAL_TIMEOUT: '5m', NEWSINT_JOB_DEADLINE: '10m', NEWSINT_LOG_FORMAT: 'json' };

  function start(env: Record<string, string>): WorkerProcess {
    const w = startWorkerProcess(env);
    workers.push(w);
    return w;
  }

  /** A fetch-only worker (drain bound 5 min) whose one job is a page the server holds open. */
  async function fetchHeldOpen(n: number) {
    const prefix = uniquePrefix(`drain${n}`);
    prefixes.push(prefix);
    const page = new HeldPage(story(n));
    server.route(`/held/${n}`, page.handler);
    const url = server.url(`/held/${n}`);
    const w = start(testEnv(prefix, { ...slowSite, NEWSINT_QUEUES: 'fetch', NEWSINT_DRAIN_TIMEOUT: '5m' }));
    await waitReady(w);
    expect((await enqueueUrls([url], { prefix })).added).toBe(1);
    await waitFor(() => page.requests === 1, PATIENCE_MS, () => w.stderr());
    return { prefix, page, url, w };
  }

  beforeAll(async () => {
    assertBuilt();
    redis = testRedis();
    server = await startServer({});
  });
  afterAll(async () => {
    for (const w of workers) await stopOrKill(w);
    await server?.close();
    for (const p of prefixes) await cleanup(p, redis);
    redis?.disconnect();
  });

  it('SIGTERM while a fetch is held open: the drain is announced, the worker stops at the bound, the URL ends as one record after a restart', async () => {
    const prefix = uniquePrefix('drain');
    prefixes.push(prefix);
    const page = new HeldPage(story(1));
    server.route('/held/1', page.handler);
    const url = server.url('/held/1');
    const env = testEnv(prefix, { ...slowSite, NEWSINT_QUEUES: 'fetch,extract', NEWSINT_DRAIN_TIMEOUT: '2s' });

    const first = start(env);
    await waitReady(first);
    expect((await enqueueUrls([url], { prefix })).added).toBe(1);
    await waitFor(() => page.requests === 1, PATIENCE_MS, () => first.stderr());
    const before = logLines(first).length;
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // It did not wait for the page: the server was still holding it when the worker exited.
    expect(page.answered).toBe(0);

    const drainLines = logLines(first).slice(before);
    console.info(`drain log lines:\n${drainLines.map((l) => `  ${l.level} ${l.msg}`).join('\n')}`);
    const announce = drainLines.filter((l) => /SIGTERM, finishing/.test(l.msg));
    expect(announce, first.stderr()).toHaveLength(1);
    expect(announce[0]!.msg).toMatch(/finishing 1 active job for up to 2s \(NEWSINT_DRAIN_TIMEOUT\), taking no new ones; jobs still active then go back to the queue/);
    expect(announce[0]!.activeJobs).toBe(1);
    expect(drainLines.some((l) => /1 unfinished job\(s\) handed back to the queue/.test(l.msg)), first.stderr()).toBe(true);
    expect(drainLines.filter((l) => l.level === 'error' || l.level === 'raw'), first.stderr()).toEqual([]);

    // Handed back at once (not left active for the stalled check), no attempt spent, nothing failed.
    const fetchQueue = openQueue(prefix, 'fetch', redis);
    const counts = await fetchQueue.getJobCounts('waiting', 'active', 'failed', 'completed');
    expect(counts).toMatchObject({ waiting: 1, active: 0, failed: 0 });
    const [job] = await fetchQueue.getJobs(['waiting']);
    expect(job!.attemptsMade).toBe(0);

    page.release();
    const second = start(env);
    await waitReady(second);
    const results = openQueue(prefix, 'results', redis);
    await waitFor(async () => (await readResults(results)).length >= 1, PATIENCE_MS, () => second.stderr());
    await waitIdle(prefix, redis);
    const records = await readResults(results);
    expect(records.map((r) => r.url)).toEqual([url]);
    expect(await fetchQueue.getJobs(['failed'])).toEqual([]);
    expect(await openQueue(prefix, 'extract', redis).getJobs(['failed'])).toEqual([]);
    expect(await stopOrKill(second)).toBe(0);
  });

  it('two SIGTERMs 5 ms apart are one request: the active fetch finishes before the worker exits', async () => {
    // Fetch only: the extraction job the fetch queues is the proof that the fetch finished.
    const { prefix, page, url, w } = await fetchHeldOpen(2);
    w.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 5));
    w.proc.kill('SIGTERM');
    await waitFor(() => logLines(w).some((l) => /SIGTERM, finishing 1 active job/.test(l.msg)), PATIENCE_MS, () => w.stderr());
    expect(w.proc.exitCode).toBeNull(); // still draining, holding the job
    page.release();
    expect(await w.exited).toBe(0);

    expect(page.answered).toBe(1);
    expect(logLines(w).filter((l) => /again|handed back|stalled check/.test(l.msg)), w.stderr()).toEqual([]);
    const fetchQueue = openQueue(prefix, 'fetch', redis);
    expect(await fetchQueue.getJobCounts('waiting', 'active', 'failed', 'delayed')).toEqual({ waiting: 0, active: 0, failed: 0, delayed: 0 });
    const extracts = await openQueue(prefix, 'extract', redis).getJobs(['waiting']);
    expect(extracts.map((j) => (j.data as { url: string }).url)).toEqual([url]);
  });

  it('a second SIGTERM later than 2 s means quit now: the worker exits without the page, the job is back on the queue', async () => {
    const { prefix, page, w } = await fetchHeldOpen(3);
    w.proc.kill('SIGTERM');
    await waitFor(() => logLines(w).some((l) => /SIGTERM, finishing 1 active job/.test(l.msg)), PATIENCE_MS, () => w.stderr());
    // Past the window in which a repeated signal counts as the same request.
    await new Promise((r) => setTimeout(r, 2_500));
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(page.answered).toBe(0);
    expect(logLines(w).filter((l) => /SIGTERM again, quitting now; 1 unfinished job\(s\) handed back to the queue/.test(l.msg)), w.stderr()).toHaveLength(1);
    const fetchQueue = openQueue(prefix, 'fetch', redis);
    expect(await fetchQueue.getJobCounts('waiting', 'active', 'failed')).toEqual({ waiting: 1, active: 0, failed: 0 });
  });
});

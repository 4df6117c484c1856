/**
 * The dashboard in a real headless Chromium over a running pipeline: the page loads, shows
 * the queues, workers, schedules, failures and records that Redis holds, and the Retry button
 * puts a failed job back to work. Set NEWSINT_SCREENSHOT=path to save a picture of the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueUrls, scheduleSource } from '../../src/api.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { assertBuilt, CLI, openQueue, ROOT, startWorkerProcess, stopOrKill, testEnv, uniquePrefix, waitFor, waitReady, type WorkerProcess } from '../pipeline/harness.js';
import { chromiumPath, noBrowserNotice } from './browser.js';
import { story } from './pages.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

const GOOD = 6;
const browserPath = chromiumPath();
if (!browserPath) console.warn(noBrowserNotice());

function startDashboardProcess(env: Record<string, string>, args: string[] = []): { proc: ChildProcess; url: Promise<string>; stderr: () => string } {
  const proc = spawn(process.execPath, [CLI, 'dashboard', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /newsint dashboard: (http:\/\/\S+\/)/.exec(err);
      if (m) resolve(m[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`dashboard exited ${code}: ${err}`)));
  });
  return { proc, url, stderr: () => err };
}

describe.skipIf(!browserPath)('dashboard in a headless browser', () => {
  const prefix = uniquePrefix('dash');
  let redis: TestRedis;
  let server: TestServer;
  let worker: WorkerProcess | undefined;
  let dashboard: ReturnType<typeof startDashboardProcess> | undefined;
  let browser: Browser | undefined;
  let flakyHits = 0;

  beforeAll(async () => {
    assertBuilt();
    redis = await startRedis();
    server = await startServer({});
    for (let i = 0; i < GOOD; i++) {
      server.route(`/advisory/${i}`, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(story(i));
      });
    }
    // Missing at first (a permanent 404), published later: what an operator retries.
    server.route('/advisory/late', (_req, res) => {
      flakyHits++;
      if (flakyHits === 1) res.writeHead(404, { 'content-type': 'text/plain' }).end('not yet');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(story(99));
    });
    server.route('/feed.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><link>${server.url('/advisory/0')}</link></item></channel></rss>`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    dashboard?.proc.kill('SIGTERM');
    if (worker) await stopOrKill(worker);
    await server?.close();
    await redis?.stop();
  });

  it('shows the running pipeline, and Retry retries a failed job', { timeout: 120_000 }, async () => {
    const env = testEnv(prefix, { REDIS_URL: redis.url, NEWSINT_LOG_FORMAT: 'json' });
    worker = startWorkerProcess(env);
    await waitReady(worker);
    await scheduleSource({ name: 'advisories', feeds: [server.url('/feed.rss')], everyMs: 3_600_000 }, { redisUrl: redis.url, prefix });
    const late = server.url('/advisory/late');
    const urls = [...Array.from({ length: GOOD }, (_, i) => server.url(`/advisory/${i}`)), late];
    await enqueueUrls(urls, { redisUrl: redis.url, prefix });

    const conn = new Redis(redis.url);
    const fetchQueue = openQueue(prefix, 'fetch', conn);
    const results = openQueue(prefix, 'results', conn);
    try {
      await waitFor(async () => (await fetchQueue.getJobCounts('failed')).failed === 1 && ((await results.getJobCounts('waiting')).waiting ?? 0) >= GOOD, 60_000, () => worker!.stderr());

      dashboard = startDashboardProcess(env);
      const url = await dashboard.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      browser = await chromium.launch({ executablePath: browserPath!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('newsint dashboard');

      // The queues as Redis counts them.
      const waitingResults = (await results.getJobCounts('waiting')).waiting;
      expect(await page.locator('#queues tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-queue')))).toEqual(['discover', 'fetch', 'extract', 'results']);
      expect(await page.locator('#queues tr[data-queue="results"] td.waiting').innerText()).toBe(String(waitingResults));
      expect(await page.locator('#queues tr[data-queue="fetch"] td.failed').innerText()).toBe('1');
      expect(await page.locator('#workers').innerText()).toMatch(/serves .*fetch/);
      expect(await page.locator('#schedules').innerText()).toContain('advisories');
      expect(await page.locator('#schedules').innerText()).toContain('every 1h');
      const failures = page.locator('#failures');
      expect(await failures.innerText()).toContain(late);
      expect(await failures.innerText()).toContain('HTTP_NOT_FOUND');
      await expect.poll(() => page.locator('#records li.record').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(GOOD);
      expect(await page.locator('#records').innerText()).toContain('APT29');
      if (process.env.NEWSINT_SCREENSHOT) await page.screenshot({ path: process.env.NEWSINT_SCREENSHOT, fullPage: true });

      // Retry: the job leaves failed, runs again, and this time becomes a record.
      await failures.getByRole('button', { name: 'Retry' }).click();
      await page.waitForURL(/notice=/);
      expect(await page.locator('.notice').innerText()).toMatch(/Retried fetch job/);
      await waitFor(async () => (await fetchQueue.getJobCounts('failed')).failed === 0, 30_000, () => worker!.stderr());
      await waitFor(async () => (await results.getJobs(['waiting'])).some((j) => (j.data as { url?: string }).url === late), 30_000, () => worker!.stderr());
      expect(flakyHits).toBe(2);
      // The page refreshes itself: the failure is gone without a reload.
      await expect.poll(() => page.locator('#failures').innerText(), { timeout: 15_000 }).toContain('No failed jobs');
      expect(errors).toEqual([]);

      // Bull Board is mounted under /queues.
      const board = await page.goto(`${url}queues`);
      expect(board?.status()).toBe(200);
      await expect.poll(() => page.content(), { timeout: 15_000 }).toContain('fetch');
    } finally {
      await fetchQueue.close();
      await results.close();
      conn.disconnect();
    }
  });

  it('is refused off loopback without a token, and asks for the token with one', { timeout: 60_000 }, async () => {
    const env = testEnv(prefix, { REDIS_URL: redis.url });
    const open = startDashboardProcess(env, ['--host', '0.0.0.0']);
    await expect(open.url).rejects.toThrow(/BAD_CONFIG: .*--token/);
    const guarded = startDashboardProcess(env, ['--host', '0.0.0.0', '--token', 's3cret']);
    try {
      const base = (await guarded.url).replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(base)).status).toBe(401);
      expect((await fetch(`${base}?token=wrong`)).status).toBe(401);
      const first = await fetch(`${base}?token=s3cret`, { redirect: 'manual' });
      expect(first.status).toBe(303);
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(base, { headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${base}retry`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'queue=fetch&id=x' })).status).toBe(403);
    } finally {
      guarded.proc.kill('SIGTERM');
    }
  });
});

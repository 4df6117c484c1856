/**
 * End to end with two worker PROCESSES: a schedule over an RSS feed, an Atom feed and a
 * sitemap index (gzipped child, news sitemap) leads to exactly one valid record per
 * article, and still one after the schedule fired twice; `newsint results` then drains it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract-article.js';
import { decodeHtml } from '../../src/fetch/charset.js';
import { ArticleRecordSchema } from '../../src/record/schema.js';
import { assertBuilt, cleanup, CLI, openQueue, PATIENCE_MS, readResults, ROOT, startWorkerProcess, stopWorker, testEnv, testRedis, uniquePrefix, waitFor, waitIdle, waitReady } from './harness.js';
import { startNewsSite, type NewsSite } from './site.js';

describe('scheduled crawl across two worker processes', () => {
  const prefix = uniquePrefix('sched');
  let site: NewsSite;
  let redis: Redis;

  beforeAll(async () => {
    assertBuilt();
    site = await startNewsSite();
    redis = testRedis();
  });
  afterAll(async () => {
    await site?.server.close();
    await cleanup(prefix);
    redis?.disconnect();
  });

  it('publishes each article once, also after the schedule fires twice', async () => {
    const env = testEnv(prefix);
    const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const added = cli(['schedule', 'add', 'site', '--feed', site.server.url('/feed.rss'), '--feed', site.server.url('/feed.atom'), '--sitemap', site.server.url('/sitemap-index.xml'), '--every', '2s']);
    expect(added.status, added.stderr).toBe(0);

    const workers = [startWorkerProcess(env), startWorkerProcess(env)];
    try {
      await Promise.all(workers.map((w) => waitReady(w)));
      const results = openQueue(prefix, 'results', redis);
      // Wait for the second firing to have been read completely, then for the queues to settle.
      await waitFor(() => (site.server.hits.get('/news-sitemap.xml') ?? 0) >= 2 && (site.server.hits.get('/feed.rss') ?? 0) >= 2, PATIENCE_MS, () => `schedule did not fire twice: ${JSON.stringify([...site.server.hits])}`);
      await waitFor(async () => (await readResults(results)).length >= site.articles.length, PATIENCE_MS, () => 'not every article became a record');
      const removed = cli(['schedule', 'remove', 'site']);
      expect(removed.status).toBe(0);
      await waitIdle(prefix, redis);

      const records = await readResults(results);
      const expectedIds = [...site.pages].map(([name, html]) => extractArticle(decodeHtml(html, 'text/html'), { url: site.server.url(`/news/${name}`) }).id);
      expect(records.map((r) => r.id).sort()).toEqual([...new Set(expectedIds)].sort());
      // Each article page was fetched once, although three sources list some and the schedule ran twice.
      for (const path of site.articles) expect(site.server.hits.get(path), path).toBe(1);
      // Both processes took part: BullMQ records the worker's name (host:pid) on each job it ran.
      const ran = await Promise.all((['discover', 'fetch', 'extract'] as const).map((n) => openQueue(prefix, n, redis).getJobs(['completed'])));
      const by = new Set(ran.flat().map((j) => j.processedBy?.split(':').pop()));
      expect([...by].sort()).toEqual(workers.map((w) => String(w.proc.pid)).sort());
      const failed = await openQueue(prefix, 'fetch', redis).getJobs(['failed']);
      expect(failed.map((j) => j.failedReason)).toEqual([]);

      // The results command drains the queue into a file, one valid record a line.
      const dir = mkdtempSync(join(tmpdir(), 'newsint-results-'));
      try {
        const out = join(dir, 'records.jsonl');
        const consumed = cli(['results', '--out', out]);
        expect(consumed.status, consumed.stderr).toBe(0);
        const lines = readFileSync(out, 'utf8').trim().split('\n');
        expect(lines).toHaveLength(records.length);
        expect(new Set(lines.map((l) => ArticleRecordSchema.parse(JSON.parse(l)).id)).size).toBe(records.length);
        expect(await readResults(results)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      const codes = await Promise.all(workers.map(stopWorker));
      expect(codes).toEqual([0, 0]);
    }
  });
});

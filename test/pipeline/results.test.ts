/**
 * Consuming records (the library's consumeResults): each record is handed out once, and
 * leaves Redis only after the handler resolved; a handler that throws leaves it queued.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeResults } from '../../src/api.js';
import { extractArticle } from '../../src/extract-article.js';
import { jobOptions } from '../../src/queue/queues.js';
import type { ArticleRecord } from '../../src/record/schema.js';
import { cleanup, openQueue, PATIENCE_MS, readResults, testRedis, uniquePrefix } from './harness.js';

describe('consumeResults', () => {
  const prefix = uniquePrefix('results');
  let redis: Redis;
  beforeAll(() => void (redis = testRedis()));
  afterAll(async () => {
    await cleanup(prefix);
    redis.disconnect();
  });

  it('hands out every record once, keeps the one whose handler failed until it succeeds', async () => {
    const queue = openQueue(prefix, 'results', redis);
    const records = [1, 2, 3].map((i) =>
      extractArticle(`<html><head><title>Story ${i}</title></head><body><article><p>Body of story ${i} about a breach.</p></article></body></html>`, {
        url: `https://consumer.example/story/${i}`,
      }),
    );
    const opts = jobOptions({ prefix, attempts: 3, backoffMs: 100 }).results;
    for (const r of records) await queue.add('record', r, { ...opts, jobId: r.id });
    // Publishing the same record again (a job that ran twice) adds nothing.
    await queue.add('record', records[0]!, { ...opts, jobId: records[0]!.id });
    expect(await readResults(queue)).toHaveLength(3);

    const seen: ArticleRecord[] = [];
    let failedOnce = false;
    const consumer = await consumeResults(
      async (record) => {
        if (record.id === records[1]!.id && !failedOnce) {
          failedOnce = true;
          throw new Error('downstream index is down');
        }
        seen.push(record);
      },
      { prefix, follow: true },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => seen.length === 3 && (clearInterval(t), resolve()), 50);
        setTimeout(() => (clearInterval(t), reject(new Error(`only ${seen.length} records handled`))), PATIENCE_MS);
      });
    } finally {
      await consumer.close();
    }
    expect(failedOnce).toBe(true);
    expect(seen.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
    expect(await queue.getJobCounts('waiting', 'delayed', 'failed', 'completed')).toEqual({ waiting: 0, delayed: 0, failed: 0, completed: 0 });
  });
});

/**
 * `newsint results --format`: a stream, so stix is one bundle per record (one a line) and misp
 * one event per record; each record still leaves the queue only once written.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract-article.js';
import { jobOptions } from '../../src/queue/queues.js';
import { runCli } from '../cli/run-cli.js';
import { checkStixBundle } from '../helpers/stix-check.js';
import { extractSample, listSamples } from '../helpers/samples.js';
import { assertBuilt, cleanup, openQueue, readResults, testEnv, uniquePrefix } from './harness.js';

describe('newsint results --format', () => {
  const prefix = uniquePrefix('results-format');
  let redis: Redis;
  beforeAll(() => {
    assertBuilt();
    redis = new Redis(testEnv(prefix).REDIS_URL!);
  });
  afterAll(async () => {
    await cleanup(prefix);
    redis.disconnect();
  });

  it('stix: one valid bundle a line, one per record; misp: one event a line; the queue is drained', async () => {
    const queue = openQueue(prefix, 'results', redis);
    const opts = jobOptions({ prefix, attempts: 3, backoffMs: 100 }).results;
    const records = listSamples().slice(0, 4).map((s) => extractSample(s).record);
    for (const r of records) await queue.add('record', r, { ...opts, jobId: r.id });

    const stix = await runCli(['results', '--format', 'stix'], { env: testEnv(prefix) });
    expect(stix.code, stix.stderr).toBe(0);
    const bundles = stix.stdout.trim().split('\n').map((l) => JSON.parse(l) as { objects: Array<{ type: string; x_newsint_record_id?: string }> });
    expect(bundles).toHaveLength(records.length);
    for (const b of bundles) expect(checkStixBundle(b)).toEqual([]);
    const reported = bundles.map((b) => b.objects.filter((o) => o.type === 'report').map((o) => o.x_newsint_record_id));
    expect(reported.flat().sort()).toEqual(records.map((r) => r.id).sort());
    expect(await readResults(queue)).toEqual([]);

    const more = extractArticle('<html><head><title>One more</title></head><body><article><p>Volt Typhoon hit a water utility.</p></article></body></html>', { url: 'https://more.example/a' });
    await queue.add('record', more, { ...opts, jobId: more.id });
    const misp = await runCli(['results', '-f', 'misp'], { env: testEnv(prefix) });
    expect(misp.code, misp.stderr).toBe(0);
    expect(misp.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { Event: { info: string } }).Event.info)).toEqual(['One more']);
  });

  it('a bad --format exits 2 before touching Redis', async () => {
    const result = await runCli(['results', '--format', 'yaml'], { env: testEnv(prefix) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/BAD_INPUT.*--format yaml/);
  });
});

/**
 * An extraction thread keeps the heap a large page grew for a long while; the pool replaces
 * a thread whose heap grew past NEWSINT_EXTRACT_RECYCLE_MB over its warmed-up size, and the
 * next page is extracted by a fresh thread. Real threads from the build.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlineExtractor, DeadlineExtractorOptions } from '../../workers/extract-deadline.js';
import { assertBuilt, ROOT, samplePages } from '../pipeline/harness.js';

type Create = (o: DeadlineExtractorOptions) => DeadlineExtractor;

/** About 1.5 MB of entity-dense paragraphs: its extraction grows a thread's heap by tens of MB. */
function largePage(): string {
  const p = '<p>CISA and the FBI said on Wednesday that Salt Typhoon, a China-backed group also tracked as GhostEmperor, breached AT&T and Verizon last month.</p>';
  return `<html><body><article>${p.repeat(10_000)}</article></body></html>`;
}

describe('extraction thread recycling', () => {
  let create: Create;
  let extractor: DeadlineExtractor | undefined;
  const small = [...samplePages().values()][0]!.toString('utf8');
  const req = (html: string) => ({ html, url: 'https://news.example/a', fetchedAt: null });

  beforeAll(async () => {
    assertBuilt();
    ({ createDeadlineExtractor: create } = (await import(`${ROOT}dist/workers/extract-deadline.js`)) as { createDeadlineExtractor: Create });
  });
  afterEach(async () => {
    await extractor?.close();
  });

  it('replaces a thread whose heap grew past the bound; the next page gets a fresh thread', async () => {
    extractor = create({ deadlineMs: 60_000, threads: 1, maxHeapMb: 256, recycleGrowthMb: 16 });
    expect((await extractor.extract(req(small))).title).toBeTruthy();
    expect(extractor.stats()).toEqual({ started: 1, retired: 0 });
    expect((await extractor.extract(req(largePage()))).wordCount).toBeGreaterThan(100_000);
    expect(extractor.stats()).toEqual({ started: 1, retired: 1 });
    expect((await extractor.extract(req(small))).title).toBeTruthy();
    expect(extractor.stats()).toEqual({ started: 2, retired: 1 });
  });

  it('keeps the thread when recycling is off (0)', async () => {
    extractor = create({ deadlineMs: 60_000, threads: 1, maxHeapMb: 256, recycleGrowthMb: 0 });
    await extractor.extract(req(largePage()));
    await extractor.extract(req(small));
    expect(extractor.stats()).toEqual({ started: 1, retired: 0 });
  });
});

/**
 * Entities on every sample page: every mention and every relation's evidence sits at its offsets.
 * What the entities are is compared exactly with the hand-written records in test/golden.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { extractSample, listSamples } from '../helpers/samples.js';

const pages = listSamples().map((sample) => ({ file: sample.file, ...extractSample(sample) }));

describe('entities on the samples', () => {
  it('has samples to check', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
  });

  it.each(pages.map((p) => [p.file, p] as const))('%s: every mention sits at its offsets', (_file, { record }) => {
    for (const list of Object.values(record.entities)) {
      for (const entity of list as Array<{ mentions: Array<{ text: string; start: number; end: number }> }>) {
        expect(entity.mentions.length).toBeGreaterThan(0);
        for (const m of entity.mentions) expect(record.text.slice(m.start, m.end)).toBe(m.text);
      }
    }
    for (const r of record.relations) {
      expect(r.evidence.start).toBeLessThan(r.evidence.end);
      expect(r.evidence.end).toBeLessThanOrEqual(record.text.length);
    }
  });
});

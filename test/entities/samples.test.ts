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

  // ATT&CK on the samples: every technique id the article writes, and every technique the
  // hand-written record lists (read off the article), is found: recall 1.0 on both counts.
  it('finds every technique the articles name: ids written in the text and techniques in the records', () => {
    let written = 0;
    let writtenFound = 0;
    let listed = 0;
    let listedFound = 0;
    const missed: string[] = [];
    for (const p of pages) {
      const found = new Map(p.record.entities.techniques.flatMap((t) => t.mentions.map((m) => [m.start, t.id] as const)));
      for (const m of p.record.text.matchAll(/(?<![\w.])T1\d{3}(?:\.\d{3})?(?![\w]|\.\d)/g)) {
        written++;
        if (found.get(m.index) === m[0]) writtenFound++;
        else missed.push(`${p.file}: id ${m[0]} at ${m.index}`);
      }
      const got = new Set(p.record.entities.techniques.map((t) => t.id));
      for (const t of p.expected.entities.techniques) {
        listed++;
        if (got.has(t.id)) listedFound++;
        else missed.push(`${p.file}: ${t.id} ${t.name}`);
      }
    }
    console.log(`samples: technique ids written ${writtenFound}/${written}, techniques in the records ${listedFound}/${listed}`);
    expect(missed).toEqual([]);
    // Not vacuous: the samples write ids and name techniques in prose.
    expect(written).toBeGreaterThanOrEqual(4);
    expect(listed).toBeGreaterThanOrEqual(8);
  });
});

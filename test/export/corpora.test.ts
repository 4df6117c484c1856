/**
 * STIX bundles of real records (every sample, the seed, a few dozen dev-set pages and
 * documents) validate against the OASIS schemas plus the checks they miss, alone and as one
 * bundle; exporting the same article twice is byte-identical.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract-article.js';
import { toMisp, toStix } from '../../src/export/index.js';
import { checkEventShape, EXPECTED_TYPE } from '../helpers/misp-check.js';
import { devSetRecords, sampleRecords, seedRecord, type NamedRecord } from '../helpers/export-corpora.js';
import { extractSample, listSamples, readSampleHtml, loadExpected } from '../helpers/samples.js';
import { checkStixBundle } from '../helpers/stix-check.js';

const SLOW = 180_000;

function checkAll(records: NamedRecord[]): { bundles: number; objects: number; byType: Record<string, number> } {
  const failures: string[] = [];
  const byType: Record<string, number> = {};
  let objects = 0;
  for (const { name, record } of records) {
    const bundle = toStix(record);
    for (const p of checkStixBundle(bundle)) failures.push(`${name}: ${p}`);
    for (const o of bundle.objects ?? []) byType[o.type] = (byType[o.type] ?? 0) + 1;
    objects += bundle.objects?.length ?? 0;
  }
  const merged = toStix(records.map((r) => r.record));
  for (const p of checkStixBundle(merged)) failures.push(`one bundle of all: ${p}`);
  expect(failures).toEqual([]);
  return { bundles: records.length + 1, objects, byType };
}

describe('STIX export of real records', () => {
  it('every sample and the seed give valid bundles', { timeout: SLOW }, () => {
    const records = [...sampleRecords(), seedRecord()];
    const stats = checkAll(records);
    console.log(`samples+seed: ${stats.bundles} bundles valid, ${stats.objects} objects`, stats.byType);
    // The samples are about actors and victims: those objects must be there, not just reports.
    expect(stats.byType['intrusion-set']).toBeGreaterThan(0);
    expect(stats.byType['relationship']).toBeGreaterThan(0);
  });

  it('dev-set pages and documents give valid bundles, and MISP events holding exactly their indicators', { timeout: SLOW }, () => {
    const records = devSetRecords();
    expect(records.length).toBeGreaterThanOrEqual(40);
    const stats = checkAll(records);
    console.log(`dev sets: ${records.length} records, ${stats.bundles} bundles valid, ${stats.objects} objects`, stats.byType);
    let attributes = 0;
    for (const { name, record } of records) {
      const event = toMisp(record);
      checkEventShape(event);
      const iocs = event.Event.Attribute.filter((a) => a.type !== 'vulnerability' && a.type !== 'link').map((a) => `${a.type} ${a.value}`);
      expect(iocs.sort(), name).toEqual([...new Set(record.entities.indicators.map((i) => `${EXPECTED_TYPE[i.type]} ${i.value}`))].sort());
      attributes += event.Event.Attribute.length;
    }
    console.log(`dev sets: ${records.length} MISP events, ${attributes} attributes`);
  });

  it('exporting the same article twice is byte-identical (extracted twice, at different times)', { timeout: SLOW }, () => {
    for (const sample of listSamples()) {
      const { input } = loadExpected(sample.name);
      const html = readSampleHtml(sample);
      const first = toStix(extractArticle(html, { ...input, extractedAt: '2025-01-01T00:00:00.000Z' }));
      const second = toStix(extractArticle(html, { ...input, extractedAt: '2026-06-30T12:34:56.789Z' }));
      expect(JSON.stringify(second), sample.name).toBe(JSON.stringify(first));
    }
  });

  it("the same actor across the samples is one object: each group's id is shared by every bundle that names it", () => {
    const idsByName = new Map<string, Set<string>>();
    for (const sample of listSamples()) {
      for (const o of toStix(extractSample(sample).record).objects ?? []) {
        if (o.type !== 'intrusion-set') continue;
        for (const n of [o.name as string, ...((o.aliases as string[] | undefined) ?? [])]) {
          const set = idsByName.get(n.toLowerCase()) ?? new Set();
          set.add(o.id);
          idsByName.set(n.toLowerCase(), set);
        }
      }
    }
    const split = [...idsByName].filter(([, ids]) => ids.size > 1).map(([n]) => n);
    expect(split).toEqual([]);
  });
});

/**
 * Entities on every sample page: offsets always hold, boilerplate that names other companies and
 * groups adds nothing, and dates, sectors, people and CVEs match the hand-written expected records.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/record/schema.js';
import { extractSample, listSamples, type Expected } from '../helpers/samples.js';

/** The bar of issue 3 for these types on the samples. */
const MIN_F1 = 0.95;

/** Notes that announce boilerplate naming entities the article itself does not. */
const NAMING_BOILERPLATE = /heavy boilerplate|boilerplate[^.]*nam(?:ing|es)/i;

const pages = listSamples().map((sample) => ({ file: sample.file, ...extractSample(sample) }));

/** Each entity type as comparable keys, found and expected. */
function keys(record: ArticleRecord, x: Expected['entities']): Record<string, [string[], string[]]> {
  const e = record.entities;
  return {
    agencies: [e.agencies.map((a) => a.name), x.agencies.map((a) => a.name)],
    aptGroups: [e.aptGroups.map((g) => g.name), x.aptGroups.map((g) => g.name)],
    companies: [e.companies.map((c) => c.name), x.companies],
    countries: [e.countries.map((c) => c.code), x.countries],
    malware: [e.malware.map((m) => m.name), x.malware],
    sectors: [e.sectors.map((s) => s.name), x.sectors],
    dates: [e.dates.map((d) => d.value), x.dates.map((d) => d.value)],
    people: [e.people.map((p) => `${p.name} | ${p.role}`), x.people.map((p) => `${p.name} | ${p.role}`)],
    cves: [e.cves.map((c) => c.id), x.cves],
  };
}

describe('entities on the samples', () => {
  it('has samples to check', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
  });

  it.each(pages.map((p) => [p.file, p] as const))('%s: every mention sits at its offsets', (_file, { record }) => {
    for (const list of Object.values(record.entities)) {
      for (const entity of list as Array<{ mentions: Array<{ text: string; start: number; end: number }> }>) {
        for (const m of entity.mentions) expect(record.text.slice(m.start, m.end)).toBe(m.text);
      }
    }
    for (const r of record.relations) expect(r.evidence.end).toBeLessThanOrEqual(record.text.length);
  });

  const noisy = pages.filter((p) => NAMING_BOILERPLATE.test(p.expected.notes));
  it.each(noisy.map((p) => [p.file, p] as const))('%s: boilerplate naming others adds no entity', (_file, { record, expected }) => {
    for (const [type, [found, wanted]] of Object.entries(keys(record, expected.entities))) {
      if (type === 'people') continue; // roles are scored below; a name is what boilerplate could add
      expect({ type, extra: found.filter((k) => !wanted.includes(k)) }).toEqual({ type, extra: [] });
    }
    const people = record.entities.people.map((p) => p.name);
    expect(people.filter((n) => !expected.entities.people.some((p) => p.name === n))).toEqual([]);
  });

  it.each(['agencies', 'aptGroups', 'companies', 'countries', 'malware', 'dates', 'sectors', 'people', 'cves'])('%s: F1 over all samples is at least 0.95', (type) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    for (const { file, record, expected } of pages) {
      const [found, wanted] = keys(record, expected.entities)[type]!;
      const f = new Set(found);
      const w = new Set(wanted);
      for (const k of f) if (w.has(k)) tp++; else (fp++, misses.push(`${file}: extra ${k}`));
      for (const k of w) if (!f.has(k)) (fn++, misses.push(`${file}: missing ${k}`));
    }
    const f1 = tp === 0 && fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
    expect({ f1: f1 >= MIN_F1, misses }).toEqual({ f1: true, misses: expect.any(Array) });
  });
});

/** The seed article from issue 3, run as plain text: the exact entities the issue lists. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { extractEntities } from '../../extractors/entities/index.js';

// Tests may read the shared seed in place (CI has it); product code never does.
const SEED = sharedPath('seeds', 'salt-typhoon-telecom-breach.txt');
const text = readFileSync(SEED, 'utf8');
// Extracted inside each test, not when the file loads: Stryker's per-test coverage credits code only
// to the tests that run it, and a result computed at load time leaves these tests out of every mutant.
const extract = () => extractEntities(text, { referenceDate: '2024-11-14T12:00:00Z' });
/** News outlets the article cites or credits; the issue allows them among companies. */
const NEWS_OUTLETS = new Set(['Wall Street Journal', 'The Wall Street Journal', 'WSJ', 'TechTarget', 'TechTarget Editorial']);

describe('seed article: Salt Typhoon telecom breach', () => {
  it('finds the agencies CISA and FBI, nothing else', () => {
    const { entities } = extract();
    expect(entities.agencies.map((a) => a.name).sort()).toEqual(['CISA', 'FBI']);
  });

  it('finds Salt Typhoon and Volt Typhoon, both Chinese', () => {
    const { entities } = extract();
    expect(entities.aptGroups.map((g) => [g.name, g.country]).sort()).toEqual([
      ['Salt Typhoon', 'CN'],
      ['Volt Typhoon', 'CN'],
    ]);
  });

  it('finds AT&T, Verizon and Lumen Technologies, plus at most a news outlet', () => {
    const { entities } = extract();
    const names = entities.companies.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['AT&T', 'Verizon', 'Lumen Technologies']));
    expect(names.filter((n) => !['AT&T', 'Verizon', 'Lumen Technologies'].includes(n) && !NEWS_OUTLETS.has(n))).toEqual([]);
  });

  it('finds the communications, water and energy sectors', () => {
    const { entities } = extract();
    expect(entities.sectors.map((s) => s.name).sort()).toEqual(['communications', 'energy', 'water-and-wastewater']);
  });

  it('resolves the dates against Thursday 2024-11-14, and the five-year dwell time as a duration', () => {
    const { entities } = extract();
    expect(entities.dates.map((d) => [d.text.toLowerCase(), d.value, d.granularity])).toEqual([
      ['wednesday', '2024-11-13', 'day'],
      ['last month', '2024-10', 'month'],
      ['september', '2024-09', 'month'],
      ['earlier this year', '2024', 'year'],
      ['at least five years', 'P5Y', 'duration'],
    ]);
  });

  it('finds the two officials with their roles, and no one from the author bio', () => {
    const { entities } = extract();
    expect(entities.people.map((p) => [p.name, p.role])).toEqual([
      ['Jen Easterly', 'CISA Director'],
      ['Christopher Wray', 'FBI Director'],
    ]);
  });

  it('states who attacked whom, from one sentence each', () => {
    const { relations } = extract();
    const triples = relations.map((r) => [r.subject, r.predicate, r.object]);
    expect(triples).toEqual(
      expect.arrayContaining([
        ['Salt Typhoon', 'attributed_to', 'CN'],
        ['Salt Typhoon', 'targeted', 'AT&T'],
        ['Salt Typhoon', 'targeted', 'Verizon'],
        ['Salt Typhoon', 'targeted', 'Lumen Technologies'],
        ['Volt Typhoon', 'targeted', 'water-and-wastewater'],
        ['Volt Typhoon', 'targeted', 'energy'],
        ['Volt Typhoon', 'reported_by', 'CISA'],
        ['Volt Typhoon', 'reported_by', 'FBI'],
      ]),
    );
    for (const r of relations) {
      const evidence = text.slice(r.evidence.start, r.evidence.end);
      expect(evidence).toContain(r.subject);
      expect(evidence.includes('\n')).toBe(false);
    }
  });

  it('keeps every mention at its place in the text', () => {
    const { entities } = extract();
    for (const list of Object.values(entities)) {
      for (const e of list as Array<{ mentions: Array<{ text: string; start: number; end: number }> }>) {
        for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
      }
    }
  });
});

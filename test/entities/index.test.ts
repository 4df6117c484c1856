import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';
import { EntitiesSchema } from '../../src/record/schema.js';

const REF = '2024-11-14T12:00:00Z';

describe('extractEntities', () => {
  const text =
    'Bank of America said on Monday that banks were hit. Microsoft said Storm-2035 targeted Citigroup in 2023. ' +
    'Said Jordan Smith, a researcher at Volexity: it was bad. Water utilities were hit by Volt Typhoon, exploiting CVE-2024-3400.';
  const { entities, relations } = extractEntities(text, { referenceDate: REF });

  it('returns schema-valid entities whose mentions sit at their offsets, in text order', () => {
    expect(() => EntitiesSchema.parse(entities)).not.toThrow();
    for (const list of Object.values(entities)) {
      for (const e of list as Array<{ mentions: Array<{ text: string; start: number; end: number }> }>) {
        expect(e.mentions.length).toBeGreaterThan(0);
        e.mentions.forEach((m, i) => {
          expect(text.slice(m.start, m.end)).toBe(m.text);
          if (i > 0) expect(m.start).toBeGreaterThan(e.mentions[i - 1]!.start);
        });
      }
    }
  });

  it('lets a name own the words inside it: "Bank of America" is no banking sector mention', () => {
    expect(entities.sectors.find((s) => s.name === 'financial-services')?.mentions.map((m) => m.text)).toEqual(['banks']);
    expect(entities.companies.map((c) => c.name)).toContain('Bank of America');
  });

  it('finds the person without the sentence-opening verb, and no person among names of other kinds', () => {
    expect(entities.people.map((p) => [p.name, p.role])).toEqual([['Jordan Smith', 'researcher at Volexity']]);
  });

  it('finds CVEs and dates, never a date inside a CVE id', () => {
    expect(entities.cves.map((c) => c.id)).toEqual(['CVE-2024-3400']);
    expect(entities.dates.map((d) => [d.text, d.value])).toEqual([
      ['Monday', '2024-11-11'],
      ['2023', '2023'],
    ]);
  });

  it('derives relations from single sentences', () => {
    expect(relations.map((r) => [r.subject, r.predicate, r.object])).toEqual(
      expect.arrayContaining([
        ['Storm-2035', 'targeted', 'Citigroup'],
        ['Storm-2035', 'reported_by', 'Microsoft'],
        ['Volt Typhoon', 'targeted', 'water-and-wastewater'],
      ]),
    );
  });

  it('is deterministic and never reads the clock: no reference date, no relative dates', () => {
    expect(extractEntities(text, { referenceDate: REF })).toEqual(extractEntities(text, { referenceDate: REF }));
    const bare = extractEntities('Last month and on Monday, and in March 2021, it spread.', {});
    expect(bare.entities.dates.map((d) => d.value)).toEqual(['2021-03']);
  });

  it('copes with empty and huge inputs', () => {
    expect(extractEntities('', { referenceDate: REF }).relations).toEqual([]);
    const big = 'Volt Typhoon targeted water utilities on Monday. '.repeat(2000);
    const res = extractEntities(big, { referenceDate: REF });
    expect(res.entities.sectors[0]?.mentions).toHaveLength(2000);
  });

  it('calls a country "stated" wherever a sentence attributes the group, never "gazetteer" beside an attributed_to relation', () => {
    const res = extractEntities('The group, known as APT40, works for China’s Ministry of State Security, the agency said.', { referenceDate: REF });
    expect(res.entities.aptGroups.map((g) => [g.name, g.country, g.attribution])).toEqual([['APT40', 'CN', 'stated']]);
    expect(res.relations.map((r) => [r.subject, r.predicate, r.object])).toContainEqual(['APT40', 'attributed_to', 'CN']);
    const known = extractEntities('APT40 exploited Log4j.', { referenceDate: REF });
    expect(known.entities.aptGroups.map((g) => [g.name, g.country, g.attribution])).toEqual([['APT40', 'CN', 'gazetteer']]);
  });
});

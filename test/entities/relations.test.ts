import { describe, expect, it } from 'vitest';
import { emptyEntities, type Entities } from '../../src/record/schema.js';
import { findRelations } from '../../extractors/entities/relations.js';
import { splitSentences } from '../../extractors/entities/sentences.js';

/** Place hand-made entities at every occurrence of their surface text, as an extractor would. */
function entitiesFor(text: string, spec: Partial<Record<keyof Entities, Array<[string, string]>>>): Entities {
  const e = emptyEntities();
  const at = (surface: string) =>
    [...text.matchAll(new RegExp(surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => ({ text: surface, start: m.index, end: m.index + surface.length }));
  for (const [key, surface] of spec.aptGroups ?? []) e.aptGroups.push({ name: key, aliases: [], country: null, attribution: null, mentions: at(surface) });
  for (const [key, surface] of spec.countries ?? []) e.countries.push({ code: key, name: key, mentions: at(surface) });
  for (const [key, surface] of spec.companies ?? []) e.companies.push({ name: key, aliases: [], mentions: at(surface) });
  for (const [key, surface] of spec.agencies ?? []) e.agencies.push({ name: key, fullName: null, country: 'US', aliases: [], mentions: at(surface) });
  for (const [key, surface] of spec.sectors ?? []) e.sectors.push({ name: key as 'energy', label: key, mentions: at(surface) });
  for (const [key, surface] of spec.malware ?? []) e.malware.push({ name: key, aliases: [], mentions: at(surface) });
  return e;
}
const triples = (text: string, spec: Parameters<typeof entitiesFor>[1]) =>
  findRelations(text, splitSentences(text), entitiesFor(text, spec)).map((r) => [r.subject, r.predicate, r.object, text.slice(r.evidence.start, r.evidence.end)]);

describe('findRelations', () => {
  it('attributes a group to a country only when the sentence says so', () => {
    const text = 'WSJ said a Chinese nation-state group known as Salt Typhoon breached AT&T. Salt Typhoon hit networks in the U.S. too.';
    const rel = triples(text, {
      aptGroups: [['Salt Typhoon', 'Salt Typhoon']],
      countries: [['CN', 'Chinese'], ['US', 'U.S.']],
      companies: [['AT&T', 'AT&T'], ['WSJ', 'WSJ']],
    });
    expect(rel).toContainEqual(['Salt Typhoon', 'attributed_to', 'CN', text.split('. ')[0] + '.']);
    expect(rel.filter((r) => r[1] === 'attributed_to')).toHaveLength(1);
    const victim = 'The U.S. government was investigating Salt Typhoon.';
    expect(triples(victim, { aptGroups: [['Salt Typhoon', 'Salt Typhoon']], countries: [['US', 'U.S.']] })).toEqual([]);
  });

  it('finds targets after an attack verb (companies and sectors) and in the passive', () => {
    const text =
      'Salt Typhoon breached many telecommunications providers, including AT&T and Verizon. ' +
      'Lumen was compromised by Salt Typhoon as well. Volt Typhoon targeted water utilities, Microsoft said.';
    const rel = triples(text, {
      aptGroups: [['Salt Typhoon', 'Salt Typhoon'], ['Volt Typhoon', 'Volt Typhoon']],
      companies: [['AT&T', 'AT&T'], ['Verizon', 'Verizon'], ['Lumen', 'Lumen'], ['Microsoft', 'Microsoft']],
      sectors: [['communications', 'telecommunications'], ['water-and-wastewater', 'water utilities']],
    }).filter((r) => r[1] === 'targeted');
    expect(rel.map((r) => [r[0], r[2]])).toEqual([
      ['Salt Typhoon', 'communications'],
      ['Salt Typhoon', 'AT&T'],
      ['Salt Typhoon', 'Verizon'],
      ['Salt Typhoon', 'Lumen'],
      ['Volt Typhoon', 'water-and-wastewater'],
    ]);
  });

  it('reads attribution through "works for" and "run by", and no target from "attacks by" or a quote credit', () => {
    const text =
      'The NIS told lawmakers that Lazarus, a unit run by North Korea\'s intelligence bureau, broke into Daon. ' +
      'The NCSC told energy firms to act after attacks by Sandworm. ' +
      '"Sandworm claims attacks it would rather not own," said Hannah Price, head of OT security at Ferrocene.';
    const rel = triples(text, {
      aptGroups: [['Lazarus Group', 'Lazarus'], ['Sandworm', 'Sandworm']],
      countries: [['KP', 'North Korea']],
      companies: [['Daon', 'Daon'], ['Ferrocene', 'Ferrocene']],
      agencies: [['NIS', 'NIS'], ['NCSC', 'NCSC']],
      sectors: [['energy', 'energy']],
    }).map((r) => [r[0], r[1], r[2]]);
    expect(rel).toEqual([
      ['Lazarus Group', 'attributed_to', 'KP'],
      ['Lazarus Group', 'targeted', 'Daon'],
      ['Lazarus Group', 'reported_by', 'NIS'],
      ['Sandworm', 'reported_by', 'NCSC'],
    ]);
  });

  it('reports a finding by the agencies or companies that state it, with one sentence as evidence', () => {
    const text = 'Earlier, CISA and the FBI confirmed that Volt Typhoon kept access for years. CISA said Chinese actors broke in.';
    const rel = triples(text, { aptGroups: [['Volt Typhoon', 'Volt Typhoon']], agencies: [['CISA', 'CISA'], ['FBI', 'FBI']] });
    expect(rel).toEqual([
      ['Volt Typhoon', 'reported_by', 'CISA', 'Earlier, CISA and the FBI confirmed that Volt Typhoon kept access for years.'],
      ['Volt Typhoon', 'reported_by', 'FBI', 'Earlier, CISA and the FBI confirmed that Volt Typhoon kept access for years.'],
    ]);
  });

  it('uses malware as the finding when no group is named, and sources after "according to"', () => {
    const text = 'The KV Botnet relied on old routers, according to Lumen.';
    expect(triples(text, { malware: [['KV Botnet', 'KV Botnet']], companies: [['Lumen', 'Lumen']] })).toEqual([
      ['KV Botnet', 'reported_by', 'Lumen', text],
    ]);
  });

  it('attributes a group affiliated with a state body, or serving a country\'s intelligence service', () => {
    const a = 'The group, which calls itself CyberAv3ngers, is run by people affiliated with Iran\'s Revolutionary Guard.';
    expect(triples(a, { aptGroups: [['CyberAv3ngers', 'CyberAv3ngers']], countries: [['IR', 'Iran']] })).toEqual([['CyberAv3ngers', 'attributed_to', 'IR', a]]);
    const b = 'Mandiant linked the activity to Sandworm, a unit of Russia’s military intelligence service.';
    expect(triples(b, { aptGroups: [['Sandworm', 'Sandworm']], countries: [['RU', 'Russia']] })).toContainEqual(['Sandworm', 'attributed_to', 'RU', b]);
    // A country's own agency named beside a group is no attribution.
    const c = 'Japan’s National Police Agency said MirrorFace sent the emails.';
    expect(triples(c, { aptGroups: [['MirrorFace', 'MirrorFace']], countries: [['JP', 'Japan']] }).filter((r) => r[1] === 'attributed_to')).toEqual([]);
  });

  it('takes "blamed" and "accused" as a source stating the finding', () => {
    const text = 'The FBI, which tracks the operators as TraderTraitor, has blamed them for large thefts.';
    expect(triples(text, { aptGroups: [['Lazarus Group', 'TraderTraitor']], agencies: [['FBI', 'FBI']] })).toEqual([['Lazarus Group', 'reported_by', 'FBI', text]]);
  });
});

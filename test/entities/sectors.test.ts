import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../extractors/entities/matcher.js';
import { findSectors, sectorTokens } from '../../extractors/entities/sectors.js';

const ids = (text: string) => findSectors(text).map((s) => s.name);

describe('findSectors', () => {
  it('maps surface terms to CISA sector ids with the official label', () => {
    const sectors = findSectors('The group breached broadband providers, hospitals and two crypto exchanges.');
    expect(sectors.map((s) => [s.name, s.label])).toEqual([
      ['communications', 'Communications'],
      ['healthcare-and-public-health', 'Healthcare and Public Health'],
      ['financial-services', 'Financial Services'],
    ]);
  });

  it('counts an ambiguous word only with a sector noun after it, also through a list', () => {
    expect(ids('victim organizations in the water and energy sectors')).toEqual(['water-and-wastewater', 'energy']);
    expect(ids('organizations in the communications, energy, transportation and water and wastewater sectors')).toEqual([
      'communications',
      'energy',
      'transportation-systems',
      'water-and-wastewater',
    ]);
    expect(ids('The vendor is in hot water after the leak. Energy was high.')).toEqual([]);
    expect(ids('The breach exposed private communications and power users.')).toEqual([]);
  });

  it('accepts an ambiguous word listed beside a sure sector', () => {
    expect(ids('The controllers are used in energy, food and beverage manufacturing and health care.')).toEqual([
      'energy',
      'food-and-agriculture',
      'healthcare-and-public-health',
    ]);
    expect(ids('It named retail, manufacturing, technology and financial services as targets.')).toEqual([
      'commercial-facilities',
      'critical-manufacturing',
      'information-technology',
      'financial-services',
    ]);
  });

  it('accepts ambiguous words introduced by a sector list', () => {
    expect(ids('It hit sectors such as energy, water and finance.')).toEqual(['energy', 'water-and-wastewater', 'financial-services']);
  });

  it('skips a sector word that only describes something else', () => {
    expect(ids('Emotet began as a banking trojan that stole bank account details.')).toEqual([]);
    expect(ids('It stole banking credentials from banks.')).toEqual(['financial-services']);
  });

  it('takes "IT" and "MSPs" as sectors only as written, in capitals', () => {
    expect(ids('The intruders moved from IT providers to their customers.')).toEqual(['information-technology']);
    expect(ids('Hospitals in the region said their msps had not been breached.')).toEqual(['healthcare-and-public-health']);
  });

  it('keeps information-technology to clear phrases, not "IT networks"', () => {
    expect(ids('They moved from information technology networks to OT.')).toEqual([]);
    expect(ids('Several technology companies and MSPs were hit.')).toEqual(['information-technology']);
  });

  it('does not take capitalized names mid-sentence or let a list run past a sentence end', () => {
    expect(ids('Customers of Bank of America and Water Street Capital.')).toEqual([]);
    expect(ids('They were in hot water. Providers said so.')).toEqual([]);
    expect(ids('Hospitals were hit first.')).toEqual(['healthcare-and-public-health']);
  });

  it('groups every mention of a sector in one entity with valid offsets', () => {
    const text = 'Telecom operators and telecommunications providers, and later wireless carriers, were hit.';
    const [s] = findSectors(text);
    expect(s?.name).toBe('communications');
    expect(s?.mentions.map((m) => m.text)).toEqual(['Telecom', 'telecommunications', 'wireless carriers']);
    for (const m of s!.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('treats schools as government facilities but not "government agencies" that report', () => {
    expect(ids('Ransomware hit schools.')).toEqual(['government-services-and-facilities']);
    expect(ids('The government agencies said the U.S. government was investigating.')).toEqual([]);
  });

  it('puts gaming and online retail under Commercial Facilities, and open ports are no sector', () => {
    expect(ids('Skimmers hit e-commerce shops while another crew targeted the video game industry.')).toEqual(['commercial-facilities']);
    expect(ids('The scanner probed open ports on exposed hosts.')).toEqual([]);
  });

  it('takes Title Case sector words only as members of a list, never alone', () => {
    expect(ids('Its lures reached Retail, Manufacturing and Energy entities across the region.')).toEqual(['commercial-facilities', 'critical-manufacturing', 'energy']);
    expect(ids('The actor favours Aviation/Logistics and Banking targets.')).toEqual(['transportation-systems', 'financial-services']);
    expect(ids('Readers of Hospital Monthly were phished.')).toEqual([]);
    expect(ids('The report Banking On Fear was cited again.')).toEqual([]);
  });

  it('reads "military", "governments" and "accounting" as sectors only in a sector context', () => {
    expect(ids('The crew went after accounting, governments and military organizations.')).toEqual([
      'financial-services',
      'government-services-and-facilities',
      'defense-industrial-base',
    ]);
    expect(ids('Military tensions rose while two governments argued over accounting rules.')).toEqual([]);
  });

  it('takes a capitalized sector word right before a lower-case sector noun, not in a heading', () => {
    expect(ids('The crew went after studios in the Gaming sector last spring.')).toEqual(['commercial-facilities']);
    expect(ids('Lures were sent to firms in the Oil and Gas sector of the Gulf.')).toEqual(['energy']);
    expect(ids('Read our Energy Sector Outlook for details.')).toEqual([]);
  });

  it('reads a list through members the table does not know', () => {
    expect(ids('Victims were in the Transportation, Energy, Construction, and Business Services industries.')).toEqual(['transportation-systems', 'energy']);
    expect(ids('The operators prefer accounting, financial, and related industries.')).toEqual(['financial-services']);
    expect(ids('It hit energy and the companies that supply it.')).toEqual([]);
  });

  it("follows the article's own short form of a sector phrase", () => {
    const sectors = findSectors('Regulators ask Financial Institutions (FIs) to test themselves. Attackers keep probing FIs in Europe.');
    expect(sectors.map((s) => [s.name, s.mentions.map((m) => m.text)])).toEqual([['financial-services', ['Financial Institutions', 'FIs', 'FIs']]]);
    expect(ids('Insurance firms (IF) were spared.')).toEqual(['financial-services']);
  });

  it('knows a single government body as a target', () => {
    expect(ids('The lure was built for one government body in the region.')).toEqual(['government-services-and-facilities']);
  });

  it('takes e-commerce sites, an IT contractor, diplomats and naval industries as the victims they are', () => {
    expect(ids('The skimmer sat on dozens of e-commerce sites for months.')).toEqual(['commercial-facilities']);
    expect(ids('The intruders first broke into an IT contractor and then a software firm.')).toEqual(['information-technology']);
    expect(ids('The decoy invitations were meant for diplomats posted abroad.')).toEqual(['government-services-and-facilities']);
    expect(ids('Its lures went to shipyards and naval industries along the coast.')).toEqual(['defense-industrial-base']);
    // A banking site is still the scam's tool, and IT alone, or an IT team, is no sector.
    expect(ids('The kit cloned banking websites; the IT team reset passwords.')).toEqual([]);
  });

  it("reads a sector phrase through a possessive: \"the chemical company's staff\"", () => {
    const sectors = findSectors("Intruders phished the chemical company's staff and an energy company’s help desk.");
    expect(sectors.map((s) => [s.name, s.mentions.map((m) => m.text)])).toEqual([
      ['chemical', ['chemical company']],
      ['energy', ['energy company']],
    ]);
  });

  it('knows single victims named by their trade: a video game company, a broadcaster, a courier service', () => {
    expect(ids('The implant was planted at a video game company in Seoul.')).toEqual(['commercial-facilities']);
    expect(ids('Its decoys imitated a regional broadcaster and then a courier service.')).toEqual(['communications', 'transportation-systems']);
  });

  it('takes no sector word that is part of a host name or an e-mail address', () => {
    expect(ids('Replies went to healthcare@clinic-example.org, and the kit spoofed banking.example.de.')).toEqual([]);
    expect(ids('The campaign hit healthcare. Hospitals were warned.')).toEqual(['healthcare-and-public-health']);
  });
});

describe('sector tokens', () => {
  // What the sector terms are matched on, read from the shared tokens: the pattern's matches, lower-cased.
  // A possessive "'s" neither joins a word nor counts as one (unless it runs on: "s'x" is a word).
  const PATTERN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+|['’](?![sS](?![\p{L}\p{N}]))[\p{L}\p{N}]+)*|[&,/]/gu;
  const possessiveS = (text: string, at: number, word: string) => /^[sS]$/.test(word) && /['’]/.test(text[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[at - 2] ?? '');
  const expected = (text: string) =>
    [...text.matchAll(PATTERN)].filter((m) => !possessiveS(text, m.index, m[0])).map((m) => ({ lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));

  it('joins words across hyphens and apostrophes and keeps only & , / of the marks', () => {
    const text = "Oil-and-Gas, the nation’s banks & utilities/water -- rock'n'roll--x e-";
    expect(sectorTokens(tokenize(text)).map((t) => t.lower)).toEqual(['oil-and-gas', ',', 'the', 'nation', 'banks', '&', 'utilities', '/', 'water', "rock'n'roll", 'x', 'e']);
  });

  it('are the matches of their pattern on any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Oil', 'gas', 's', 'S', '-', "'", '’', '‘', '–', '&', ',', '/', ' ', '\n', '.', 'É', '𝐀', '😀', '7', 'ǅ'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(sectorTokens(tokenize(text))).toEqual(expected(text));
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

const rels = (text: string) =>
  extractEntities(text)
    .relations.filter((r) => ['uses', 'exploits', 'indicates'].includes(r.predicate))
    .map((r) => [r.subject, r.predicate, r.object, text.slice(r.evidence.start, r.evidence.end)]);

describe('uses, exploits and indicates', () => {
  it('a group uses malware, tools and techniques, with the sentence as evidence', () => {
    const text = 'The report is long. APT29 deployed Cobalt Strike and the WINELOADER backdoor after spear-phishing attachments reached staff. Nothing else happened.';
    const s = 'APT29 deployed Cobalt Strike and the WINELOADER backdoor after spear-phishing attachments reached staff.';
    expect(rels(text).sort()).toEqual([
      ['APT29', 'uses', 'Cobalt Strike', s],
      ['APT29', 'uses', 'T1566.001', s],
      ['APT29', 'uses', 'WINELOADER', s],
    ]);
  });

  it('malware exploits a CVE; a group does when no malware is named', () => {
    expect(rels('The PlugX dropper exploits CVE-2017-0199 in Office.').map((r) => r.slice(0, 3))).toEqual([['PlugX', 'exploits', 'CVE-2017-0199']]);
    expect(rels('Volt Typhoon exploited CVE-2024-3400 on firewalls.').map((r) => r.slice(0, 3))).toEqual([['Volt Typhoon', 'exploits', 'CVE-2024-3400']]);
  });

  it('an indicator indicates the malware (else the group) of its sentence', () => {
    expect(rels('PlugX C2 server: ipsoftwarelabs[.]com and 45.77.10[.]3.').map((r) => r.slice(0, 3))).toEqual([
      ['ipsoftwarelabs.com', 'indicates', 'PlugX'],
      ['45.77.10.3', 'indicates', 'PlugX'],
    ]);
  });

  it('states nothing without both ends in one sentence, or without a verb of use', () => {
    expect(rels('APT29 is a Russian group. Cobalt Strike is a commercial tool. CVE-2017-0199 is old.')).toEqual([]);
    expect(rels('APT29 and Mimikatz were both in the news.')).toEqual([]);
  });

  it('gives a use to the group named before the thing used, else to the nearest group after it', () => {
    expect(rels('APT29 deployed Cobalt Strike, unlike APT28.').map((r) => r.slice(0, 3))).toEqual([['APT29', 'uses', 'Cobalt Strike']]);
    expect(rels('APT29, quiet for a year, deployed Cobalt Strike again, as APT28 had.').map((r) => r.slice(0, 3))).toEqual([['APT29', 'uses', 'Cobalt Strike']]);
    expect(rels('Cobalt Strike was deployed by APT29 and later by APT28.').map((r) => r.slice(0, 3))).toEqual([['APT29', 'uses', 'Cobalt Strike']]);
  });

  it('gives a technique to the malware named before it when the sentence names no group', () => {
    expect(rels('The WINELOADER backdoor uses DLL side-loading to start.').map((r) => r.slice(0, 3))).toEqual([['WINELOADER', 'uses', 'T1574.001']]);
    expect(rels('The WINELOADER backdoor uses DLL side-loading to start PlugX.').map((r) => r.slice(0, 3))).toEqual([['WINELOADER', 'uses', 'T1574.001']]);
  });

  it('states an exploit only with a verb of exploiting, by the exploiter named before the CVE', () => {
    expect(rels('CVE-2024-3400 was disclosed in April; Volt Typhoon was busy elsewhere.')).toEqual([]);
    expect(rels('Volt Typhoon exploited CVE-2024-3400, as APT29 did.').map((r) => r.slice(0, 3))).toEqual([['Volt Typhoon', 'exploits', 'CVE-2024-3400']]);
    expect(rels('Volt Typhoon, quiet for a year, exploited CVE-2024-3400 as APT29 had.').map((r) => r.slice(0, 3))).toEqual([['Volt Typhoon', 'exploits', 'CVE-2024-3400']]);
  });

  it('an indicator indicates the malware named nearest to it', () => {
    expect(rels('ShadowPad talked to 45.77.10[.]3 in May, long before the crew moved to PlugX.').map((r) => r.slice(0, 3))).toEqual([['45.77.10.3', 'indicates', 'ShadowPad']]);
    expect(rels('Besides PlugX, the crew ran ShadowPad with its C2 at 45.77.10[.]3.').map((r) => r.slice(0, 3))).toEqual([['45.77.10.3', 'indicates', 'ShadowPad']]);
  });
});

import { describe, expect, it } from 'vitest';
import { findCves } from '../../extractors/entities/cves.js';

describe('findCves', () => {
  it('normalizes case, spaces and dash variants to one id per CVE, with every mention', () => {
    const text = 'Palo Alto fixed cve-2024-3400 (CVE 2024 3400, also CVE\u20132024\u20133400) and CVE-2023-46805.';
    const cves = findCves(text);
    expect(cves.map((c) => c.id)).toEqual(['CVE-2024-3400', 'CVE-2023-46805']);
    expect(cves[0]!.mentions.map((m) => m.text)).toEqual(['cve-2024-3400', 'CVE 2024 3400', 'CVE\u20132024\u20133400']);
    for (const c of cves) for (const m of c.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('accepts ids longer than four digits and rejects look-alikes', () => {
    expect(findCves('CVE-2021-44228 and CVE-2024-123456').map((c) => c.id)).toEqual(['CVE-2021-44228', 'CVE-2024-123456']);
    expect(findCves('CVE-2024-12, XCVE-2024-3400, CVE-2024-34001234567, CVE-1899-1234')).toEqual([]);
  });
});
